#include "parse/agate_table.h"

#include <memory>

#include "jinja/template_error.h"

namespace mrun::parse {

namespace {

using Names = std::shared_ptr<const std::vector<std::string>>;

// PostgreSQL type oids (pg_type.dat) of the types read as numbers or booleans.
constexpr pqxx::oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701,
                    kNumeric = 1700;

// Whether `text` is an integer that fits int64 ("-12", not "1.5" nor "NaN").
bool is_small_integer(const std::string& text) {
  size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == start || text.size() - start > 18) return false;
  return text.find_first_not_of("0123456789", start) == std::string::npos;
}

jinja::Value function(const char* name, jinja::NativeFunction fn) { return jinja::Value::function(name, std::move(fn)); }

// The position of column `key` (an index, or a name) in `names`; throws when absent.
size_t column_index(const Names& names, const jinja::Value& key) {
  if (key.is_int()) {
    int64_t i = key.as_int();
    if (i < 0) i += static_cast<int64_t>(names->size());
    if (i >= 0 && static_cast<size_t>(i) < names->size()) return static_cast<size_t>(i);
    throw jinja::EvalError("column index " + key.str() + " out of range (" + std::to_string(names->size()) + " columns)");
  }
  for (size_t i = 0; i < names->size(); ++i)
    if ((*names)[i] == key.str()) return i;
  throw jinja::EvalError("no column named '" + key.str() + "'");
}

jinja::Value name_tuple(const Names& names) {
  std::vector<jinja::Value> out(names->begin(), names->end());
  return jinja::Value::tuple(std::move(out));
}

// One row: agate's Row, a sequence that is also a mapping by column name.
class RowObject : public jinja::Object {
 public:
  RowObject(Names names, std::vector<jinja::Value> values) : names_(std::move(names)), values_(std::move(values)) {}

  const std::vector<jinja::Value>& values() const { return values_; }

  jinja::Value item(const jinja::Value& key) const override { return values_[column_index(names_, key)]; }
  jinja::Value attribute(std::string_view name) const override {
    auto names = names_;
    auto values = values_;
    if (name == "values") return function("values", [values](jinja::CallArgs&) { return jinja::Value::tuple(values); });
    if (name == "keys") return function("keys", [names](jinja::CallArgs&) { return name_tuple(names); });
    if (name == "items" || name == "dict") {
      bool as_dict = name == "dict";
      return function(as_dict ? "dict" : "items", [names, values, as_dict](jinja::CallArgs&) {
        std::vector<std::pair<jinja::Value, jinja::Value>> pairs;
        std::vector<jinja::Value> tuples;
        for (size_t i = 0; i < values.size(); ++i) {
          pairs.emplace_back(jinja::Value((*names)[i]), values[i]);
          tuples.push_back(jinja::Value::tuple({jinja::Value((*names)[i]), values[i]}));
        }
        return as_dict ? jinja::Value::dict(std::move(pairs)) : jinja::Value::list(std::move(tuples));
      });
    }
    if (name == "get") {
      return function("get", [names, values](jinja::CallArgs& a) {
        jinja::Value key = a.get(0, "key", jinja::Value());
        for (size_t i = 0; i < names->size(); ++i)
          if ((*names)[i] == key.str()) return values[i];
        return a.get(1, "default", jinja::Value::none());
      });
    }
    for (size_t i = 0; i < names_->size(); ++i)
      if ((*names_)[i] == name) return values_[i];
    return jinja::Value::undefined(std::string(name));
  }
  std::vector<jinja::Value> iterate() override { return values_; }
  std::optional<int64_t> length() const override { return static_cast<int64_t>(values_.size()); }
  std::string str() const override { return "<agate.Row: " + jinja::Value::tuple(values_).repr() + ">"; }

 private:
  Names names_;
  std::vector<jinja::Value> values_;
};

// One column: agate's Column, its name and its values in row order.
class ColumnObject : public jinja::Object {
 public:
  ColumnObject(std::string name, std::vector<jinja::Value> values) : name_(std::move(name)), values_(std::move(values)) {}

  jinja::Value attribute(std::string_view name) const override {
    auto values = values_;
    if (name == "name") return jinja::Value(name_);
    if (name == "values") return function("values", [values](jinja::CallArgs&) { return jinja::Value::tuple(values); });
    if (name == "values_without_nulls") {
      return function("values_without_nulls", [values](jinja::CallArgs&) {
        std::vector<jinja::Value> out;
        for (const auto& v : values)
          if (!v.is_none()) out.push_back(v);
        return jinja::Value::tuple(std::move(out));
      });
    }
    if (name == "values_distinct") {
      return function("values_distinct", [values](jinja::CallArgs&) {
        std::vector<jinja::Value> out;
        for (const auto& v : values) {
          bool seen = false;
          for (const auto& o : out) seen = seen || o.equals(v);
          if (!seen) out.push_back(v);
        }
        return jinja::Value::tuple(std::move(out));
      });
    }
    return jinja::Value::undefined(std::string(name));
  }
  jinja::Value item(const jinja::Value& key) const override {
    if (key.is_string()) return attribute(key.as_string());  // map(attribute='name') looks items up first
    int64_t i = key.as_int();
    if (i < 0) i += static_cast<int64_t>(values_.size());
    if (!key.is_int() || i < 0 || static_cast<size_t>(i) >= values_.size())
      throw jinja::EvalError("column '" + name_ + "' has no row " + key.repr());
    return values_[static_cast<size_t>(i)];
  }
  std::vector<jinja::Value> iterate() override { return values_; }
  std::optional<int64_t> length() const override { return static_cast<int64_t>(values_.size()); }
  std::string str() const override { return "<agate.Column: " + name_ + ">"; }

 private:
  std::string name_;
  std::vector<jinja::Value> values_;
};

// The columns of a table: agate's MappedSequence, by position or by name.
class ColumnsObject : public jinja::Object {
 public:
  ColumnsObject(Names names, std::vector<jinja::Value> columns) : names_(std::move(names)), columns_(std::move(columns)) {}

  jinja::Value item(const jinja::Value& key) const override { return columns_[column_index(names_, key)]; }
  jinja::Value attribute(std::string_view name) const override {
    auto names = names_;
    auto columns = columns_;
    if (name == "keys") return function("keys", [names](jinja::CallArgs&) { return name_tuple(names); });
    if (name == "values") return function("values", [columns](jinja::CallArgs&) { return jinja::Value::tuple(columns); });
    if (name == "items")
      return function("items", [names, columns](jinja::CallArgs&) {
        std::vector<jinja::Value> pairs;
        for (size_t c = 0; c < columns.size(); ++c) pairs.push_back(jinja::Value::tuple({jinja::Value((*names)[c]), columns[c]}));
        return jinja::Value::tuple(std::move(pairs));
      });
    return jinja::Value::undefined(std::string(name));
  }
  std::vector<jinja::Value> iterate() override { return columns_; }
  std::optional<int64_t> length() const override { return static_cast<int64_t>(columns_.size()); }
  std::string str() const override { return "<agate.MappedSequence: columns>"; }

 private:
  Names names_;
  std::vector<jinja::Value> columns_;
};

class TableObject : public jinja::Object {
 public:
  TableObject(Names names, jinja::Value rows, jinja::Value columns)
      : names_(std::move(names)), rows_(std::move(rows)), columns_(std::move(columns)) {}

  const jinja::Value& rows() const { return rows_; }

  jinja::Value attribute(std::string_view name) const override {
    if (name == "rows") return rows_;
    if (name == "columns") return columns_;
    if (name == "column_names") return name_tuple(names_);
    if (name == "print_table" || name == "print_csv" || name == "print_json") {
      return function("print_table", [](jinja::CallArgs&) { return jinja::Value::none(); });
    }
    return jinja::Value::undefined(std::string(name));
  }
  jinja::Value item(const jinja::Value& key) const override { return rows_.list_data().items.at(key.as_int()); }
  std::vector<jinja::Value> iterate() override { return rows_.list_data().items; }
  std::optional<int64_t> length() const override { return static_cast<int64_t>(rows_.list_data().items.size()); }
  std::string str() const override { return "<agate.Table: " + std::to_string(*length()) + " rows>"; }

 private:
  Names names_;
  jinja::Value rows_;
  jinja::Value columns_;
};

}  // namespace

jinja::Value agate_table(std::vector<std::string> column_names, std::vector<std::vector<jinja::Value>> rows) {
  auto names = std::make_shared<const std::vector<std::string>>(std::move(column_names));
  std::vector<jinja::Value> columns;
  for (size_t c = 0; c < names->size(); ++c) {
    std::vector<jinja::Value> values;
    values.reserve(rows.size());
    for (const auto& row : rows) values.push_back(row[c]);
    columns.push_back(jinja::Value::object(std::make_shared<ColumnObject>((*names)[c], std::move(values))));
  }
  std::vector<jinja::Value> row_values;
  row_values.reserve(rows.size());
  for (auto& row : rows) row_values.push_back(jinja::Value::object(std::make_shared<RowObject>(names, std::move(row))));
  auto columns_value = jinja::Value::object(std::make_shared<ColumnsObject>(names, std::move(columns)));
  return jinja::Value::object(
      std::make_shared<TableObject>(names, jinja::Value::tuple(std::move(row_values)), std::move(columns_value)));
}

jinja::Value field_value(const pqxx::field& field) {
  if (field.is_null()) return jinja::Value::none();
  std::string text = field.c_str();
  switch (field.type()) {
    case kBool: return jinja::Value(text == "t");
    case kInt2:
    case kInt4:
    case kInt8:
    case kOid: return jinja::Value(static_cast<int64_t>(std::stoll(text)));
    case kFloat4:
    case kFloat8: return jinja::Value(std::stod(text));
    case kNumeric:
      if (is_small_integer(text)) return jinja::Value(static_cast<int64_t>(std::stoll(text)));
      return jinja::Value(std::stod(text));
    default: return jinja::Value(text);
  }
}

jinja::Value agate_table(const pqxx::result& result) {
  std::vector<std::string> names;
  for (pqxx::row::size_type c = 0; c < result.columns(); ++c) names.emplace_back(result.column_name(c));
  std::vector<std::vector<jinja::Value>> rows;
  rows.reserve(result.size());
  for (const auto& row : result) {
    std::vector<jinja::Value> values;
    values.reserve(row.size());
    for (const auto& field : row) values.push_back(field_value(field));
    rows.push_back(std::move(values));
  }
  return agate_table(std::move(names), std::move(rows));
}

jinja::Value table_data(const jinja::Value& table) {
  std::vector<jinja::Value> out;
  if (table.is_object()) {
    if (auto* t = dynamic_cast<const TableObject*>(table.object_ptr().get())) {
      for (const auto& row : t->rows().list_data().items)
        out.push_back(jinja::Value::tuple(dynamic_cast<const RowObject&>(row.as_object()).values()));
    }
  }
  return jinja::Value::list(std::move(out));
}

}  // namespace mrun::parse
