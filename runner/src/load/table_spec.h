// The tables `mrun load` fills: every source table of the parsed project
// whose meta names a file, with the relation it is loaded into. The settings
// come from the one parse of the schema files (project/source_load.h); the
// loader reads no YAML of its own.
#pragma once

#include <string>
#include <vector>

#include "project/schema_file.h"
#include "project/source_load.h"
#include "util/error.h"

namespace mrun::load {

/// One loadable table: a source table whose meta names a file.
struct TableSpec {
  std::string source;       ///< source name (e.g. "raw")
  std::string name;         ///< source table name, as source() names it (e.g. "ratings")
  std::string schema;       ///< PostgreSQL schema (source `schema`, else its name)
  std::string identifier;   ///< PostgreSQL table: the table's `identifier`, else its name (as source() reads)
  project::LoadSpec load;   ///< file, reject limit, columns
  SourceLocation where;     ///< where the table is declared
};

/// What the loader does with the file, as a digest: the relation, the file
/// name, the limits and every column's type, check, requiredness and
/// transform. A raw table is reloaded when it changes, as when the file
/// does (task/load_task.h). A setting added to LoadSpec must be added here.
std::string spec_fingerprint(const TableSpec& spec);

/// The loadable tables declared in `files`, in file and declaration order.
/// Throws ConfigError with file:line:col when two tables load into the same
/// relation.
std::vector<TableSpec> loadable_tables(const std::vector<project::SchemaFile>& files);

}  // namespace mrun::load
