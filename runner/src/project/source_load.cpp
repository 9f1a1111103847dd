#include "project/source_load.h"

#include <algorithm>

#include "project/yaml_file.h"

namespace mrun::project {

namespace {

bool boolean(const YamlFile& f, const YAML::Node& node, const std::string& what) {
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    throw ConfigError(location_of(f, node), what + " must be true or false");
  }
}

Check parse_check(const YamlFile& f, const YAML::Node& node) {
  std::string c = scalar_string(f, node, "check");
  if (c == "int") return Check::Int;
  if (c == "positive_int") return Check::PositiveInt;
  if (c == "numeric") return Check::Numeric;
  if (c == "date") return Check::Date;
  if (c == "boolean") return Check::Boolean;
  throw ConfigError(location_of(f, node), "unknown check '" + c + "' (int, positive_int, numeric, date, boolean)");
}

Transform parse_transform(const YamlFile& f, const YAML::Node& node) {
  std::string t = scalar_string(f, node, "transform");
  if (t == "python_literal") return Transform::PythonLiteral;
  throw ConfigError(location_of(f, node), "unknown transform '" + t + "' (python_literal)");
}

// `node` is a mapping with a name (schema_file.cpp checked it).
LoadColumn parse_column(const YamlFile& f, const YAML::Node& node) {
  MapFields fields(node);
  LoadColumn column;
  column.where = location_of(f, node);
  column.name = scalar_string(f, fields["name"], "column name");
  if (const YAML::Node type = fields["data_type"]) {
    column.data_type = scalar_string(f, type, "data_type");
    if (std::count(column.data_type.begin(), column.data_type.end(), '(') !=
        std::count(column.data_type.begin(), column.data_type.end(), ')'))
      throw ConfigError(location_of(f, type),
                        "data_type '" + column.data_type +
                            "' has unbalanced parentheses (in a {flow: mapping} a comma ends the value: quote it)");
  }
  const YAML::Node meta_node = fields["meta"];
  expect_map(f, meta_node, "meta");
  MapFields meta(meta_node);
  if (const YAML::Node check = meta["check"]) column.check = parse_check(f, check);
  if (const YAML::Node required = meta["required"]) column.required = boolean(f, required, "required");
  if (const YAML::Node transform = meta["transform"]) column.transform = parse_transform(f, transform);
  return column;
}

std::optional<double> parse_ratio(const YamlFile& f, const YAML::Node& node) {
  if (!node) return std::nullopt;
  double ratio = -1;
  try {
    ratio = node.as<double>();
  } catch (const YAML::Exception&) {
  }
  if (ratio < 0 || ratio > 1)
    throw ConfigError(location_of(f, node), "max_reject_ratio must be a number between 0 and 1");
  return ratio;
}

std::optional<int64_t> parse_min_rows(const YamlFile& f, const YAML::Node& node) {
  if (!node) return std::nullopt;
  int64_t rows = 0;
  try {
    rows = node.as<int64_t>();
  } catch (const YAML::Exception&) {
  }
  if (rows < 1) throw ConfigError(location_of(f, node), "min_rows must be a whole number of at least 1");
  return rows;
}

}  // namespace

std::optional<LoadSpec> parse_load_spec(const YamlFile& f, const MapFields& table, const std::string& name,
                                        const SourceLocation& where) {
  MapFields meta(table["meta"]);
  const YAML::Node file = meta["file"];
  if (!file) return std::nullopt;  // not loaded by mrun
  LoadSpec spec;
  spec.file = scalar_string(f, file, "meta.file");
  spec.max_reject_ratio = parse_ratio(f, meta["max_reject_ratio"]);
  spec.min_rows = parse_min_rows(f, meta["min_rows"]);
  const YAML::Node columns = table["columns"];
  if (!columns || !columns.IsSequence() || columns.size() == 0)
    throw ConfigError(where, "table '" + name + "' has meta.file but no columns to load");
  for (const auto& node : columns) {
    LoadColumn column = parse_column(f, node);
    for (const auto& other : spec.columns)
      if (other.name == column.name)
        throw ConfigError(column.where,
                          "column '" + column.name + "' is declared twice (first at " + other.where.str() + ")");
    if (column.name == "_line" || column.name == "_load_id")
      throw ConfigError(column.where, "column name '" + column.name + "' is reserved for the loader");
    spec.columns.push_back(std::move(column));
  }
  return spec;
}

}  // namespace mrun::project
