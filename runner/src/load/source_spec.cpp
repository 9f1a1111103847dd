#include "load/source_spec.h"

#include <algorithm>
#include <filesystem>

#include "project/yaml_file.h"
#include "util/strings.h"

namespace mrun::load {

namespace {

SourceLocation where(const YAML::Node& node, const std::string& file) {
  YAML::Mark m = node.Mark();
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

std::string scalar(const YAML::Node& node, const std::string& what, const std::string& file) {
  if (!node.IsScalar()) throw ConfigError(where(node, file), what + " must be a string");
  return node.as<std::string>();
}

bool boolean(const YAML::Node& node, const std::string& what, const std::string& file) {
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    throw ConfigError(where(node, file), what + " must be true or false");
  }
}

Check parse_check(const YAML::Node& node, const std::string& file) {
  std::string c = scalar(node, "check", file);
  if (c == "int") return Check::kInt;
  if (c == "positive_int") return Check::kPositiveInt;
  if (c == "numeric") return Check::kNumeric;
  if (c == "date") return Check::kDate;
  if (c == "boolean") return Check::kBoolean;
  throw ConfigError(where(node, file), "unknown check '" + c + "' (int, positive_int, numeric, date, boolean)");
}

ColumnSpec parse_column(const YAML::Node& node, const std::string& file) {
  if (!node.IsMap()) throw ConfigError(where(node, file), "a column must be a mapping with a name");
  ColumnSpec column;
  column.where = where(node, file);
  if (!node["name"]) throw ConfigError(column.where, "column without a name");
  column.name = scalar(node["name"], "column name", file);
  if (node["data_type"]) {
    column.data_type = scalar(node["data_type"], "data_type", file);
    if (std::count(column.data_type.begin(), column.data_type.end(), '(') !=
        std::count(column.data_type.begin(), column.data_type.end(), ')'))
      throw ConfigError(where(node["data_type"], file),
                        "data_type '" + column.data_type +
                            "' has unbalanced parentheses (in a {flow: mapping} a comma ends the value: quote it)");
  }
  const YAML::Node meta = node["meta"];
  if (!meta) return column;
  if (!meta.IsMap()) throw ConfigError(where(meta, file), "meta must be a mapping");
  if (meta["check"]) column.check = parse_check(meta["check"], file);
  if (meta["required"]) column.required = boolean(meta["required"], "required", file);
  if (meta["transform"]) {
    std::string t = scalar(meta["transform"], "transform", file);
    if (t != "python_literal")
      throw ConfigError(where(meta["transform"], file), "unknown transform '" + t + "' (python_literal)");
    column.transform = Transform::kPythonLiteral;
  }
  return column;
}

std::optional<TableSpec> parse_table(const YAML::Node& node, const std::string& source, const std::string& schema,
                                     const std::string& file) {
  if (!node.IsMap() || !node["name"]) throw ConfigError(where(node, file), "a source table needs a name");
  const YAML::Node meta = node["meta"];
  if (!meta || !meta.IsMap() || !meta["file"]) return std::nullopt;  // not loaded by mrun
  TableSpec table;
  table.source = source;
  table.schema = schema;
  table.where = where(node, file);
  table.name = scalar(node["name"], "table name", file);
  table.file = scalar(meta["file"], "meta.file", file);
  if (const YAML::Node ratio = meta["max_reject_ratio"]) {
    try {
      table.max_reject_ratio = ratio.as<double>();
    } catch (const YAML::Exception&) {
      throw ConfigError(where(ratio, file), "max_reject_ratio must be a number between 0 and 1");
    }
    if (*table.max_reject_ratio < 0 || *table.max_reject_ratio > 1)
      throw ConfigError(where(ratio, file), "max_reject_ratio must be a number between 0 and 1");
  }
  const YAML::Node columns = node["columns"];
  if (!columns || !columns.IsSequence() || columns.size() == 0)
    throw ConfigError(table.where, "table '" + table.name + "' has meta.file but no columns to load");
  for (const auto& c : columns) {
    ColumnSpec column = parse_column(c, file);
    for (const auto& other : table.columns)
      if (other.name == column.name)
        throw ConfigError(column.where, "column '" + column.name + "' is declared twice (first at " +
                                            other.where.str() + ")");
    if (column.name == "_line" || column.name == "_load_id")
      throw ConfigError(column.where, "column name '" + column.name + "' is reserved for the loader");
    table.columns.push_back(std::move(column));
  }
  return table;
}

void add_table(std::vector<TableSpec>& tables, TableSpec table) {
  for (const auto& other : tables)
    if (other.schema == table.schema && other.name == table.name)
      throw ConfigError(table.where, "table '" + table.name + "' is declared twice (first at " + other.where.str() + ")");
  tables.push_back(std::move(table));
}

}  // namespace

std::vector<TableSpec> read_source_specs(const YAML::Node& root, const std::string& file) {
  std::vector<TableSpec> tables;
  if (!root.IsMap() || !root["sources"]) return tables;
  const YAML::Node sources = root["sources"];
  if (!sources.IsSequence()) throw ConfigError(where(sources, file), "sources must be a list");
  for (const auto& source : sources) {
    if (!source.IsMap() || !source["name"]) throw ConfigError(where(source, file), "a source needs a name");
    std::string name = scalar(source["name"], "source name", file);
    std::string schema = source["schema"] ? scalar(source["schema"], "schema", file) : name;
    const YAML::Node list = source["tables"];
    if (!list) continue;
    if (!list.IsSequence()) throw ConfigError(where(list, file), "tables must be a list");
    for (const auto& t : list) {
      if (auto table = parse_table(t, name, schema, file)) add_table(tables, std::move(*table));
    }
  }
  return tables;
}

std::vector<TableSpec> read_source_specs_file(const std::string& path) {
  return read_source_specs(project::load_yaml_file(path).root, path);
}

std::vector<TableSpec> read_project_source_specs(const std::string& root_dir,
                                                 const std::vector<std::string>& model_paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& folder : model_paths) {
    fs::path dir = fs::path(root_dir) / folder;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<TableSpec> tables;
  for (const std::string& file : files)
    for (TableSpec& table : read_source_specs_file(file)) add_table(tables, std::move(table));
  return tables;
}

}  // namespace mrun::load
