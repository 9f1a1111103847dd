#include "parse/column_object.h"

#include <memory>

#include "db/quote.h"
#include "util/strings.h"

namespace mrun::parse {

namespace {

bool one_of(const std::string& dtype, std::initializer_list<const char*> names) {
  std::string lower = to_lower(dtype);
  for (const char* n : names)
    if (lower == n) return true;
  return false;
}

jinja::Value optional_int(const std::optional<int64_t>& v) { return v ? jinja::Value(*v) : jinja::Value::none(); }

class ColumnObject : public jinja::Object {
 public:
  explicit ColumnObject(ColumnSpec spec) : spec_(std::move(spec)) {}

  jinja::Value attribute(std::string_view name) const override {
    const ColumnSpec& s = spec_;
    if (name == "name" || name == "column") return jinja::Value(s.name);
    if (name == "quoted") return jinja::Value(db::quote_identifier(s.name));
    if (name == "dtype") return jinja::Value(s.dtype);
    if (name == "data_type") return jinja::Value(data_type());
    if (name == "char_size") return optional_int(s.char_size);
    if (name == "numeric_precision") return optional_int(s.numeric_precision);
    if (name == "numeric_scale") return optional_int(s.numeric_scale);
    if (name == "is_string") return predicate("is_string", is_string());
    if (name == "is_integer") return predicate("is_integer", is_integer());
    if (name == "is_float") return predicate("is_float", is_float());
    if (name == "is_numeric") return predicate("is_numeric", is_numeric());
    if (name == "is_number") return predicate("is_number", is_integer() || is_float() || is_numeric());
    if (name == "string_size") {
      auto size = s.char_size;
      bool string = is_string();
      return jinja::Value::function("string_size", [size, string](jinja::CallArgs&) -> jinja::Value {
        if (!string) throw std::runtime_error("string_size() is only for string columns");
        return jinja::Value(size.value_or(256));
      });
    }
    return jinja::Value::undefined(std::string(name));
  }
  std::string str() const override { return "<Column " + spec_.name + " (" + data_type() + ")>"; }

 private:
  static jinja::Value predicate(const char* name, bool value) {
    return jinja::Value::function(name, [value](jinja::CallArgs&) { return jinja::Value(value); });
  }
  bool is_string() const { return one_of(spec_.dtype, {"text", "character varying", "character", "varchar"}); }
  bool is_integer() const {
    return one_of(spec_.dtype, {"smallint", "integer", "bigint", "smallserial", "serial", "bigserial", "int2", "int4",
                                "int8"});
  }
  bool is_float() const {
    return one_of(spec_.dtype, {"real", "float4", "float", "double precision", "float8", "double"});
  }
  bool is_numeric() const { return one_of(spec_.dtype, {"numeric", "decimal"}); }

  // dbt's Column.data_type: strings with their size, numerics with precision and scale.
  std::string data_type() const {
    if (is_string() && to_lower(spec_.dtype) != "text") {
      return spec_.char_size ? "character varying(" + std::to_string(*spec_.char_size) + ")" : "character varying";
    }
    if (is_numeric() && spec_.numeric_precision) {
      return spec_.dtype + "(" + std::to_string(*spec_.numeric_precision) + "," +
             std::to_string(spec_.numeric_scale.value_or(0)) + ")";
    }
    return spec_.dtype;
  }

  ColumnSpec spec_;
};

}  // namespace

jinja::Value column_value(ColumnSpec spec) {
  return jinja::Value::object(std::make_shared<ColumnObject>(std::move(spec)));
}

std::string column_name(const jinja::Value& column) {
  if (column.is_string()) return column.as_string();
  jinja::Value name = column.attribute("name");
  return name.is_undefined() ? column.str() : name.str();
}

}  // namespace mrun::parse
