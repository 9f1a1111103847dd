#include "project/schema_file.h"

#include <set>

#include "project/config_types.h"
#include "project/freshness_yaml.h"
#include "project/yaml_config_value.h"
#include "project/yaml_file.h"
#include "project/yaml_parse.h"

namespace mrun::project {

namespace {

const std::set<std::string> kTopKeys = {"version", "models", "sources", "seeds", "snapshots", "unit_tests"};
// dbt's keys that mrun reads nothing of (snapshots are the snapshots' own).
const std::set<std::string> kNotImplementedTopKeys = {"macros", "exposures", "metrics", "analyses", "semantic_models",
                                                      "groups", "saved_queries"};

// The keys of a model or seed entry and of a column that mrun reads or that
// only describe; dbt's that it does not implement are warned as such.
const std::set<std::string> kModelKeys = {"name", "description", "config", "columns", "tests", "data_tests",
                                          "constraints", "meta", "docs"};
const std::set<std::string> kModelKeysNotImplemented = {"versions", "latest_version", "deprecation_date", "access",
                                                        "group", "time_spine"};
const std::set<std::string> kColumnKeys = {"name", "description", "data_type", "quote", "meta", "tests",
                                           "data_tests", "constraints", "tags", "docs"};

// A warning for each key of the map `node` (`what`: "model stg_x") that is
// not in `known`: "not implemented by mrun" for those in `not_implemented`,
// else "unknown".
void warn_keys(const YamlFile& f, const YAML::Node& node, const std::set<std::string>& known,
               const std::set<std::string>& not_implemented, const std::string& what,
               std::vector<std::string>& warnings) {
  if (!node.IsMap()) return;
  for (const auto& kv : node) {
    const std::string& key = kv.first.Scalar();
    if (known.count(key)) continue;
    warnings.push_back(location_of(f, kv.first).str() + ": " + what + ": '" + key + "' is " +
                       (not_implemented.count(key) ? "not implemented by mrun" : "an unknown key") + " (ignored)");
  }
}

// Parses one entry of a `tests:`/`data_tests:` list.
TestUse parse_test(const YamlFile& f, const YAML::Node& node, const std::string& column) {
  TestUse t;
  t.column = column;
  t.where = location_of(f, node);
  std::vector<ConfigValue::Entry> arguments;
  if (node.IsScalar()) {
    t.test_name = node.Scalar();
    t.arguments = ConfigValue::map({});
    return t;
  }
  if (!node.IsMap() || node.size() != 1) {
    throw ConfigError(t.where, "a test is a name or a mapping with one key (the test name)");
  }
  auto kv = *node.begin();
  t.test_name = kv.first.Scalar();
  const YAML::Node& body = kv.second;
  if (body && !body.IsNull()) {
    expect_map(f, body, "test '" + t.test_name + "'");
    for (const auto& arg : body) {
      std::string key = arg.first.Scalar();
      if (key == "config") {
        expect_map(f, arg.second, "config");
        check_config_map(f, arg.second);
        t.config.merge_map(config_value_of(f, arg.second));
      } else if (key == "name") {
        t.custom_name = scalar_string(f, arg.second, "name");
      } else if (key == "arguments" && arg.second.IsMap()) {
        for (const auto& a : arg.second) arguments.emplace_back(a.first.Scalar(), config_value_of(f, a.second));
      } else if (key == "severity" || key == "where" || key == "error_if" || key == "warn_if" ||
                 key == "store_failures" || key == "store_failures_as" || key == "fail_calc" || key == "limit" ||
                 key == "tags" || key == "enabled" || key == "meta") {
        check_config_value(f, key, arg.second);
        t.config.set(key, config_value_of(f, arg.second));  // dbt accepts these at the top level of a test too
      } else {
        arguments.emplace_back(key, config_value_of(f, arg.second));
      }
    }
  }
  t.arguments = ConfigValue::map(std::move(arguments));  // a name given twice: the later value
  return t;
}

std::vector<TestUse> parse_tests(const YamlFile& f, const MapFields& owner, const std::string& column) {
  std::vector<TestUse> out;
  for (const char* key : {"tests", "data_tests"}) {
    const YAML::Node list = owner[key];
    expect_sequence(f, list, key);
    if (!list) continue;
    for (const auto& item : list) out.push_back(parse_test(f, item, column));
  }
  return out;
}

// A `constraints:` list (of a column, or of a model with `columns:` in
// each entry): dbt's constraint types, checked here, kept as written.
ConfigValue parse_constraints(const YamlFile& f, const YAML::Node& list, bool model_level) {
  expect_sequence(f, list, "constraints");
  if (!list) return ConfigValue::list({});
  static const std::set<std::string> kTypes = {"not_null", "unique", "primary_key", "check", "foreign_key", "custom"};
  for (const auto& entry : list) {
    expect_map(f, entry, "a constraint");
    MapFields c(entry);
    std::string type = scalar_string(f, c["type"], "type");
    if (!kTypes.count(type)) {
      throw ConfigError(location_of(f, entry), "constraint type '" + type +
                                                   "' is not one of not_null, unique, primary_key, check, "
                                                   "foreign_key, custom");
    }
    if ((type == "check" || type == "custom") && scalar_string(f, c["expression"], "expression").empty()) {
      throw ConfigError(location_of(f, entry), "a " + type + " constraint needs an expression");
    }
    if (type == "foreign_key" && c["to"]) {
      throw ConfigError(location_of(f, c["to"]),
                        "foreign_key with to: is not supported by mrun; write expression: \"schema.table (column)\"");
    }
    if (model_level && type != "check" && type != "custom") expect_sequence(f, c["columns"], "columns");
  }
  return config_value_of(f, list);
}

std::vector<ColumnSpec> parse_columns(const YamlFile& f, const MapFields& owner, std::vector<std::string>& warnings) {
  std::vector<ColumnSpec> out;
  const YAML::Node list = owner["columns"];
  expect_sequence(f, list, "columns");
  if (!list) return out;
  for (const auto& column : list) {
    expect_map(f, column, "a column");
    MapFields c(column);
    ColumnSpec col;
    col.name = scalar_string(f, c["name"], "column name");
    warn_keys(f, column, kColumnKeys, {}, "column " + col.name, warnings);
    if (col.name.empty()) throw ConfigError(location_of(f, column), "a column needs a 'name'");
    col.description = scalar_string(f, c["description"], "description");
    col.data_type = scalar_string(f, c["data_type"], "data_type");
    col.quote = bool_value(f, c["quote"], "quote", false);
    col.meta = config_value_or_empty_map(f, c["meta"]);
    col.constraints = parse_constraints(f, c["constraints"], false);
    col.tests = parse_tests(f, c, col.name);
    for (auto& test : col.tests) test.quote_column = col.quote;
    out.push_back(std::move(col));
  }
  return out;
}

std::vector<ModelSpec> parse_models(const YamlFile& f, const YAML::Node& list, const std::string& what,
                                    std::vector<std::string>& warnings) {
  std::vector<ModelSpec> out;
  expect_sequence(f, list, what);
  if (!list) return out;
  for (const auto& entry : list) {
    expect_map(f, entry, "an entry of " + what);
    MapFields m(entry);
    ModelSpec spec;
    spec.where = location_of(f, entry);
    spec.name = scalar_string(f, m["name"], "name");
    if (spec.name.empty()) throw ConfigError(spec.where, "an entry of " + what + " needs a 'name'");
    warn_keys(f, entry, kModelKeys, kModelKeysNotImplemented, spec.name, warnings);
    spec.description = scalar_string(f, m["description"], "description");
    expect_map(f, m["config"], "config");
    check_config_map(f, m["config"]);
    spec.config.merge_map(config_value_of(f, m["config"]));
    spec.columns = parse_columns(f, m, warnings);
    spec.constraints = parse_constraints(f, m["constraints"], true);
    spec.tests = parse_tests(f, m, "");
    if (what == "snapshots") {
      spec.relation = scalar_string(f, m["relation"], "relation");
      if (m["relation"]) spec.relation_where = location_of(f, m["relation"]);
    }
    out.push_back(std::move(spec));
  }
  return out;
}

std::vector<SourceSpec> parse_sources(const YamlFile& f, const YAML::Node& list, std::vector<std::string>& warnings) {
  std::vector<SourceSpec> out;
  expect_sequence(f, list, "sources");
  if (!list) return out;
  for (const auto& entry : list) {
    expect_map(f, entry, "a source");
    MapFields s(entry);
    SourceSpec src;
    src.where = location_of(f, entry);
    src.name = scalar_string(f, s["name"], "name");
    if (src.name.empty()) throw ConfigError(src.where, "a source needs a 'name'");
    src.schema = scalar_string(f, s["schema"], "schema");
    if (src.schema.empty()) src.schema = src.name;
    src.description = scalar_string(f, s["description"], "description");
    src.meta = config_value_or_empty_map(f, s["meta"]);
    src.freshness = read_freshness_setting(f, s);
    const YAML::Node tables = s["tables"];
    expect_sequence(f, tables, "tables");
    if (tables) {
      for (const auto& table_entry : tables) {
        expect_map(f, table_entry, "a source table");
        MapFields t(table_entry);
        SourceTableSpec table;
        table.where = location_of(f, table_entry);
        table.name = scalar_string(f, t["name"], "name");
        if (table.name.empty()) throw ConfigError(table.where, "a source table needs a 'name'");
        table.identifier = scalar_string(f, t["identifier"], "identifier");
        if (table.identifier.empty()) table.identifier = table.name;
        table.description = scalar_string(f, t["description"], "description");
        table.meta = config_value_or_empty_map(f, t["meta"]);
        table.config = config_value_or_empty_map(f, t["config"]);
        table.columns = parse_columns(f, t, warnings);
        table.tests = parse_tests(f, t, "");
        table.load = parse_load_spec(f, t, table.name, table.where);
        table.freshness = read_freshness_setting(f, t);
        src.tables.push_back(std::move(table));
      }
    }
    out.push_back(std::move(src));
  }
  return out;
}

SchemaFile parse_schema(const YamlFile& f, std::vector<std::string>& warnings) {
  SchemaFile out;
  out.path = f.path;
  if (!f.root || f.root.IsNull()) return out;
  if (!f.root.IsMap()) throw ConfigError(location_of(f, f.root), "a schema file must be a mapping");
  for (const auto& kv : f.root) {
    const std::string& key = kv.first.Scalar();
    if (kNotImplementedTopKeys.count(key)) {
      warnings.push_back(location_of(f, kv.first).str() + ": '" + key + ":' is not implemented by mrun (ignored)");
    } else if (!kTopKeys.count(key)) {
      warnings.push_back(location_of(f, kv.first).str() + ": unknown key '" + key + "' (ignored)");
    }
  }
  MapFields top(f.root);
  out.models = parse_models(f, top["models"], "models", warnings);
  out.seeds = parse_models(f, top["seeds"], "seeds", warnings);
  out.snapshots = parse_models(f, top["snapshots"], "snapshots", warnings);
  out.sources = parse_sources(f, top["sources"], warnings);
  out.unit_tests = parse_unit_tests(f, top["unit_tests"]);
  return out;
}

}  // namespace

SchemaFile load_schema_file(const std::string& path, const std::string& display_path,
                            std::vector<std::string>& warnings) {
  YamlFile f = load_yaml_file(path);
  f.path = display_path;
  return parse_schema(f, warnings);
}

SchemaFile parse_schema_text(std::string_view text, const std::string& origin, std::vector<std::string>& warnings) {
  return parse_schema(YamlFile{origin, parse_yaml(text, origin)}, warnings);
}

}  // namespace mrun::project
