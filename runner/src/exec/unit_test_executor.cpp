#include "exec/unit_test_executor.h"

#include <algorithm>
#include <map>

#include "db/quote.h"
#include "exec/query_columns.h"
#include "load/archive/memory_dataset.h"
#include "load/csv/csv_scanner.h"
#include "parse/node_compiler.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::exec {

namespace {

using project::ConfigValue;
using project::FixtureRows;

// Rows as column name -> SQL literal ("null" for NULL), in the order given.
struct LiteralRows {
  std::vector<std::string> columns;  ///< in order of first appearance
  std::vector<std::map<std::string, std::string>> rows;
};

std::string literal_of(const ConfigValue& value) {
  switch (value.kind()) {
    case ConfigValue::Kind::Null: return "null";
    case ConfigValue::Kind::Bool: return value.as_bool() ? "true" : "false";
    case ConfigValue::Kind::Integer:
    case ConfigValue::Kind::Float: return value.text();
    default: return db::quote_literal(value.text());
  }
}

// CSV text: a header, then rows; an empty unquoted field is NULL.
LiteralRows csv_rows(const std::string& text, const std::string& what) {
  load::MemoryStream stream(text);
  load::CsvScanner scanner(stream);
  load::CsvRecord record;
  LiteralRows out;
  if (!scanner.next(record)) return out;
  for (auto field : record.fields) out.columns.emplace_back(trim(field));
  while (scanner.next(record)) {
    if (!record.error.empty()) throw RunError(what + ": " + record.error);
    if (record.fields.size() != out.columns.size()) {
      throw RunError(what + ": line " + std::to_string(record.line) + " has " + std::to_string(record.fields.size()) +
                     " fields, the header " + std::to_string(out.columns.size()));
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < out.columns.size(); ++i) {
      bool null = record.fields[i].empty() && !record.quoted[i];
      row[out.columns[i]] = null ? "null" : db::quote_literal(std::string(trim(record.fields[i])));
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

LiteralRows dict_rows(const ConfigValue& rows) {
  LiteralRows out;
  for (const auto& row : rows.items()) {
    std::map<std::string, std::string> literals;
    for (const auto& [column, value] : row.entries()) {
      if (std::find(out.columns.begin(), out.columns.end(), column) == out.columns.end()) out.columns.push_back(column);
      literals[column] = literal_of(value);
    }
    out.rows.push_back(std::move(literals));
  }
  return out;
}

// The rows of a dict or csv fixture.
LiteralRows literal_rows(const FixtureRows& fixture, const std::string& what) {
  return fixture.format == "csv" ? csv_rows(fixture.rows.text(), what) : dict_rows(fixture.rows);
}

const QueryColumn* column_named(const std::vector<QueryColumn>& columns, const std::string& name) {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

std::string names_of(const std::vector<QueryColumn>& columns) {
  std::vector<std::string> names;
  for (const auto& c : columns) names.push_back(c.name);
  return join(names, ", ");
}

// `expression` of `type` as the text rows are compared by: numerics
// without trailing zeros, so 8.5 and 8.50 agree (dbt compares values).
std::string comparable_text(const std::string& expression, const std::string& type) {
  return "cast(" + (type == "numeric" ? "trim_scale(" + expression + ")" : expression) + " as text)";
}

// SELECT of `rows` on `columns` (each value cast to the column's type; a
// column a row leaves out is NULL), `cast_to_text`: each value then as
// comparable text.
std::string rows_select(const LiteralRows& rows, const std::vector<QueryColumn>& columns, bool cast_to_text) {
  auto select = [&](const std::map<std::string, std::string>* row) {
    std::vector<std::string> values;
    for (const auto& c : columns) {
      std::string literal = "null";
      if (row) {
        auto it = row->find(c.name);
        if (it != row->end()) literal = it->second;
      }
      std::string value = "cast(" + literal + " as " + c.full_type + ")";
      if (cast_to_text) value = comparable_text(value, c.type);
      values.push_back(value + " as " + db::quote_identifier(c.name));
    }
    return "select " + join(values, ", ");
  };
  if (rows.rows.empty()) return select(nullptr) + " where false";
  std::vector<std::string> selects;
  for (const auto& row : rows.rows) selects.push_back(select(&row));
  return join(selects, "\nunion all\n");
}

// The manifest node a given input names.
const graph::Node& input_node(const graph::Manifest& m, const std::string& project_name, const project::InputCall& call) {
  std::string id = call.source.empty() ? "" : "source." + project_name + "." + call.source + "." + call.name;
  if (call.source.empty()) {
    for (const auto& n : m.nodes)
      if ((n.kind == graph::NodeKind::Model || n.kind == graph::NodeKind::Seed) && n.name == call.name && n.enabled())
        return n;
  } else if (size_t i = m.find(id); i != graph::Manifest::npos) {
    return m.nodes[i];
  }
  throw RunError("no node for input " + call.name);  // the parse checked every input
}

// The CTE body of one given input: its rows typed by the input relation's columns.
std::string given_sql(pqxx::work& tx, const graph::Node& test, const project::UnitTestInput& input,
                      const graph::Node& node, const parse::ShadowRelations* shadows) {
  std::string what = "unit test " + test.name + ": input " + input.input;
  if (input.data.format == "sql") return input.data.rows.text();
  if (node.kind == graph::NodeKind::Model && node.materialized() == "ephemeral") {
    throw RunError(test.where.str() + ": " + what + " is an ephemeral model: give its rows with format: sql (as in dbt)");
  }
  parse::Relation relation{node.database_schema, node.relation_name};
  if (shadows) relation = shadows->shadow_of(relation).value_or(relation);
  std::vector<QueryColumn> columns = relation_columns(tx, relation);
  if (columns.empty()) {
    throw RunError(test.where.str() + ": " + what + ": " + relation.quoted() +
                   " does not exist, and its column types come from it: build it first (as dbt requires)");
  }
  LiteralRows rows = literal_rows(input.data, what);
  for (const auto& name : rows.columns) {
    if (!column_named(columns, name)) {
      throw RunError(test.where.str() + ": " + what + " gives column '" + name + "', which " + relation.quoted() +
                     " does not have (" + names_of(columns) + ")");
    }
  }
  return rows_select(rows, columns, false);
}

std::vector<TextRow> text_rows(pqxx::work& tx, const std::string& sql) {
  std::vector<TextRow> out;
  for (const auto& row : tx.exec(sql)) {
    TextRow values;
    for (const auto& field : row) values.push_back(field.is_null() ? std::nullopt : std::optional(field.c_str()));
    out.push_back(std::move(values));
  }
  return out;
}

void check_overrides(const graph::Node& test) {
  const ConfigValue* macros = test.unit_test->overrides.find("macros");
  if (!macros) return;
  for (const auto& [name, value] : macros->entries()) {
    if (name != "is_incremental") {
      throw ConfigError(test.where, "unit test " + test.name + ": overriding macro '" + name +
                                        "' is not supported by mrun (of macros, only is_incremental)");
    }
  }
}

}  // namespace

std::string rows_difference(const std::vector<std::string>& columns, std::vector<TextRow> expected,
                            std::vector<TextRow> actual, long long& differing) {
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  std::vector<TextRow> missing, extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
  differing = static_cast<long long>(missing.size() + extra.size());
  if (differing == 0) return "";
  // daff's table, as dbt prints it: "---" rows expected but not returned, "+++" returned but not expected.
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> header = {"@@"};
  header.insert(header.end(), columns.begin(), columns.end());
  lines.push_back(header);
  for (const auto& [marker, rows] : {std::pair{"---", &missing}, std::pair{"+++", &extra}}) {
    for (const auto& row : *rows) {
      std::vector<std::string> line = {marker};
      for (const auto& value : row) line.push_back(value ? *value : "null");
      lines.push_back(std::move(line));
    }
  }
  std::vector<size_t> width(header.size(), 0);
  for (const auto& line : lines)
    for (size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  std::string out;
  for (const auto& line : lines) {
    for (size_t i = 0; i < line.size(); ++i) {
      out += (i ? " | " : "") + line[i];
      if (i + 1 < line.size()) out += std::string(width[i] - line[i].size(), ' ');
    }
    out += "\n";
  }
  return out;
}

UnitTestOutcome run_unit_test(pqxx::connection& conn, const parse::DbtContext& context,
                              const parse::ParsedProject& project, size_t index,
                              const parse::ShadowRelations* shadows) {
  const graph::Manifest& m = project.manifest;
  const graph::Node& test = m.nodes[index];
  const project::UnitTestSpec& spec = *test.unit_test;
  check_overrides(test);
  pqxx::work tx(conn);

  std::map<std::string, std::string> fixtures;  // "model" / "source.table" -> CTE name
  std::vector<std::pair<std::string, std::string>> ctes;
  const graph::Node& model = m.nodes[m.find(test.test.attached_node)];
  for (const auto& input : spec.given) {
    project::InputCall call = *project::parse_input_call(input.input);
    const graph::Node& node = call.is_this() ? model : input_node(m, context.project().name, call);
    std::string key = call.is_this() ? "this" : call.source.empty() ? call.name : call.source + "." + call.name;
    std::string cte = "__dbt__cte__" + (call.is_this() ? "this" : call.source.empty() ? call.name
                                                                                       : call.source + "__" + call.name);
    fixtures[key] = cte;
    ctes.emplace_back(cte, given_sql(tx, test, input, node, shadows));
  }
  parse::NodeRender setup;
  setup.fixtures = &fixtures;
  setup.overrides = &spec.overrides;
  UnitTestOutcome result;
  result.sql = parse::inject_ctes(parse::compile_node_with(context, project, m.find(test.test.attached_node), setup), ctes);

  std::vector<QueryColumn> actual_columns = query_columns(tx, result.sql);
  std::string expected_sql;
  std::vector<QueryColumn> expected_columns;
  std::string what = "unit test " + test.name + ": expect";
  if (spec.expect.format == "sql") {
    for (const auto& c : query_columns(tx, spec.expect.rows.text())) expected_columns.push_back(c);
  } else {
    LiteralRows rows = literal_rows(spec.expect, what);
    for (const auto& name : rows.columns) {
      const QueryColumn* actual = column_named(actual_columns, name);
      if (!actual) {
        throw RunError(test.where.str() + ": " + what + "s column '" + name + "', which the model does not return (" +
                       names_of(actual_columns) + ")");
      }
      expected_columns.push_back(*actual);  // expected values are read as the model's types
    }
    expected_sql = rows_select(rows, expected_columns, true);
  }
  std::vector<std::string> names, as_text;
  for (const auto& c : expected_columns) {
    if (!column_named(actual_columns, c.name)) {
      throw RunError(test.where.str() + ": " + what + "s column '" + c.name + "', which the model does not return (" +
                     names_of(actual_columns) + ")");
    }
    names.push_back(c.name);
    as_text.push_back(comparable_text(db::quote_identifier(c.name), column_named(actual_columns, c.name)->type));
  }
  if (spec.expect.format == "sql") {
    expected_sql = "select " + join(as_text, ", ") + " from (\n" + spec.expect.rows.text() + "\n) expected";
  }
  auto actual = text_rows(tx, "select " + join(as_text, ", ") + " from (\n" + result.sql + "\n) actual");
  auto expected = text_rows(tx, expected_sql);
  tx.abort();

  long long differing = 0;
  std::string difference = rows_difference(names, std::move(expected), std::move(actual), differing);
  result.outcome.failures = differing;
  if (differing == 0) {
    result.outcome.status = NodeStatus::Pass;
  } else {
    result.outcome.status = NodeStatus::Fail;
    result.outcome.message = "actual differs from expected:\n\n" + difference;
  }
  return result;
}

}  // namespace mrun::exec
