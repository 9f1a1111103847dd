// The loader's settings of one source table, read from its `meta` in a schema
// file (the header of models/sources.yml documents them): the file of the
// dataset that fills the table, the reject limit, the fewest good rows, and per column the
// PostgreSQL type, value check, requiredness and transform.
//
// They are parsed once, with the rest of the schema file
// (project/schema_file.cpp), into SourceTableSpec::load; `mrun load` takes
// them from the parsed project (load/table_spec.h) and reads no YAML itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace mrun::project {

struct YamlFile;   // project/yaml_file.h: only project/ reads YAML
class MapFields;

/// The value rule of a column (`meta: {check: ...}`).
enum class Check { None, Int, PositiveInt, Numeric, Date, Boolean };

/// A conversion applied before loading (`meta: {transform: ...}`).
enum class Transform { None, PythonLiteral };

/// One column of a loaded table, as the loader fills it.
struct LoadColumn {
  std::string name;               ///< column name, as in the file header
  std::string data_type = "text"; ///< PostgreSQL type of the raw column
  Check check = Check::None;     ///< value rule; empty fields are NULL and pass
  bool required = false;          ///< an empty field rejects the record
  Transform transform = Transform::None;
  SourceLocation where;           ///< where the column is declared
};

/// How a source table is loaded: set when its `meta` names a `file`.
struct LoadSpec {
  std::string file;               ///< file name inside the dataset (e.g. "ratings.csv")
  std::optional<double> max_reject_ratio;  ///< rejected/read above this fails the load
  std::optional<int64_t> min_rows;         ///< fewer good rows than this fail the load
  std::vector<LoadColumn> columns;
};

/// The load settings of the source table `table` (an entry of a source's
/// `tables:`, named `name` and declared at `where`), or nothing when its
/// meta names no file. Throws ConfigError with file:line:col on a malformed
/// setting, a column declared twice, a column named _line or _load_id, or a
/// table with meta.file but no columns.
std::optional<LoadSpec> parse_load_spec(const YamlFile& file, const MapFields& table, const std::string& name,
                                        const SourceLocation& where);

}  // namespace mrun::project
