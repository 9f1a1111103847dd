#include "exec/contract.h"

#include <algorithm>

#include "db/quote.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::exec {

namespace {

// The declared columns, with their types as PostgreSQL names them (each
// data_type cast once, so "int" and "integer" agree, as dbt compares).
std::vector<QueryColumn> declared_columns(pqxx::transaction_base& tx, const graph::Node& node) {
  std::vector<std::string> casts;
  for (const auto& c : node.columns) {
    if (trim(c.data_type).empty()) {
      throw RunError(node.where.str() + ": " + node.name + " has an enforced contract, but column '" + c.name +
                     "' declares no data_type");
    }
    casts.push_back("cast(null as " + c.data_type + ") as " + db::quote_identifier(c.name));
  }
  try {
    return query_columns(tx, "select " + join(casts, ", "));
  } catch (const pqxx::sql_error& e) {
    throw RunError(node.where.str() + ": " + node.name + ": a data_type of its contract is not a type: " +
                   std::string(trim(e.what())));
  }
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

// dbt's table: a header, a rule, then each row, columns padded.
std::string table_text(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> all = {{"column_name", "definition_type", "contract_type", "mismatch_reason"}};
  all.insert(all.end(), rows.begin(), rows.end());
  std::vector<size_t> width(4, 0);
  for (const auto& row : all)
    for (size_t i = 0; i < 4; ++i) width[i] = std::max(width[i], row[i].size());
  auto line = [&](const std::vector<std::string>& row) {
    std::string out = "|";
    for (size_t i = 0; i < 4; ++i) out += " " + row[i] + std::string(width[i] - row[i].size(), ' ') + " |";
    return out + "\n";
  };
  std::string out = line(all[0]);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  out += line(rule);
  for (size_t r = 1; r < all.size(); ++r) out += line(all[r]);
  return out;
}

// A constraint's SQL, e.g. "NOT NULL", "PRIMARY KEY (a, b)", "CHECK (x > 0)".
// `columns`: the model-level constraint's columns ("" for a column's own).
std::string constraint_sql(const project::ConfigValue& constraint, const std::string& columns) {
  std::string type = constraint["type"].text();
  std::string expression = constraint["expression"].text();
  std::string name = constraint["name"].text();
  std::string sql = name.empty() ? "" : "CONSTRAINT " + db::quote_identifier(name) + " ";
  std::string on = columns.empty() ? "" : " (" + columns + ")";
  if (type == "not_null") return sql + "NOT NULL";
  if (type == "unique") return sql + "UNIQUE" + on;
  if (type == "primary_key") return sql + "PRIMARY KEY" + on;
  if (type == "check") return sql + "CHECK (" + expression + ")";
  if (type == "foreign_key") return sql + (columns.empty() ? "" : "FOREIGN KEY" + on + " ") + "REFERENCES " + expression;
  return sql + expression;  // custom
}

}  // namespace

bool contract_enforced(const graph::Node& node) {
  return node.kind == graph::NodeKind::Model && node.config.get("contract")["enforced"].as_bool();
}

std::vector<std::vector<std::string>> contract_mismatches(const std::vector<QueryColumn>& declared,
                                                          const std::vector<QueryColumn>& actual) {
  std::vector<std::vector<std::string>> rows;
  auto find = [](const std::vector<QueryColumn>& in, const std::string& name) -> const QueryColumn* {
    for (const auto& c : in)
      if (c.name == name) return &c;
    return nullptr;
  };
  for (const auto& a : actual) {
    const QueryColumn* d = find(declared, a.name);
    if (!d) {
      rows.push_back({a.name, upper(a.type), "", "missing in contract"});
    } else if (d->type != a.type) {
      rows.push_back({a.name, upper(a.type), upper(d->type), "data type mismatch"});
    }
  }
  for (const auto& d : declared)
    if (!find(actual, d.name)) rows.push_back({d.name, "", upper(d.type), "missing in definition"});
  return rows;
}

void check_contract(pqxx::transaction_base& tx, const graph::Node& node, const std::string& sql) {
  if (node.columns.empty()) {
    throw RunError(node.where.str() + ": " + node.name +
                   " has an enforced contract but declares no columns: list them with their data_type under "
                   "columns: in its schema file");
  }
  auto rows = contract_mismatches(declared_columns(tx, node), query_columns(tx, sql));
  if (rows.empty()) return;
  throw RunError(node.where.str() + ": " + node.name +
                 ": this model has an enforced contract that failed.\nPlease ensure the name, data_type, and number "
                 "of columns in your contract match the columns in your model's definition.\n\n" +
                 table_text(rows));
}

std::string contracted_create_table(const graph::Node& node, const parse::Relation& relation) {
  std::vector<std::string> parts;
  for (const auto& c : node.columns) {
    std::string column = db::quote_identifier(c.name) + " " + c.data_type;
    for (const auto& constraint : c.constraints.items()) column += " " + constraint_sql(constraint, "");
    parts.push_back(column);
  }
  for (const auto& constraint : node.constraints.items()) {
    std::vector<std::string> columns;
    for (const auto& c : constraint["columns"].items()) columns.push_back(db::quote_identifier(c.text()));
    parts.push_back(constraint_sql(constraint, join(columns, ", ")));
  }
  return "CREATE TABLE " + relation.quoted() + " (\n    " + join(parts, ",\n    ") + "\n)";
}

std::string contracted_insert(const graph::Node& node, const parse::Relation& relation, const std::string& sql) {
  std::vector<std::string> columns;
  for (const auto& c : node.columns) columns.push_back(db::quote_identifier(c.name));
  std::string list = join(columns, ", ");
  return "INSERT INTO " + relation.quoted() + " (" + list + ")\nSELECT " + list + " FROM (\n" + sql +
         "\n) AS model_subq";
}

}  // namespace mrun::exec
