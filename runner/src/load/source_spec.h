// What the loader needs to know about each raw table, read from the sources
// of a schema.yml (models/sources.yml): file name, columns, checks,
// transforms, reject limit. See the header comment of models/sources.yml.
//
// Kept in this one file so that project loading can later hand the loader
// its parsed nodes instead (read_source_specs takes a YAML::Node for that).
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace mrun::load {

/// The value rule of a column (`meta: {check: ...}`).
enum class Check { kNone, kInt, kPositiveInt, kNumeric, kDate, kBoolean };

/// A conversion applied before loading (`meta: {transform: ...}`).
enum class Transform { kNone, kPythonLiteral };

/// One declared column of a raw table.
struct ColumnSpec {
  std::string name;               ///< column name, as in the file header
  std::string data_type = "text"; ///< PostgreSQL type of the raw column
  Check check = Check::kNone;     ///< value rule; empty fields are NULL and pass
  bool required = false;          ///< an empty field rejects the record
  Transform transform = Transform::kNone;
  SourceLocation where;           ///< where the column is declared
};

/// One loadable table: a source table whose meta names a file.
struct TableSpec {
  std::string source;             ///< source name (e.g. "raw")
  std::string schema;             ///< PostgreSQL schema (source `schema`, else its name)
  std::string name;               ///< table name (e.g. "ratings")
  std::string file;               ///< file name inside the dataset (e.g. "ratings.csv")
  std::optional<double> max_reject_ratio;  ///< rejected/read above this fails the load
  std::vector<ColumnSpec> columns;
  SourceLocation where;           ///< where the table is declared
};

/// The loadable tables of the `sources:` of one parsed schema.yml document
/// (`file` names it in errors). Tables without `meta.file` are skipped.
/// Throws ConfigError with file:line:col on a malformed entry.
std::vector<TableSpec> read_source_specs(const YAML::Node& root, const std::string& file);

/// The same, reading and parsing the YAML file at `path` (ConfigError on a
/// missing file or a YAML syntax error, with its position).
std::vector<TableSpec> read_source_specs_file(const std::string& path);

/// Every loadable table declared in the .yml/.yaml files under the
/// `model_paths` of the project in `root_dir` (files in sorted order).
/// Throws ConfigError as above; a table declared twice is an error.
std::vector<TableSpec> read_project_source_specs(const std::string& root_dir,
                                                 const std::vector<std::string>& model_paths);

}  // namespace mrun::load
