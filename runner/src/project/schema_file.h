// schema.yml files in dbt's `version: 2` format: models, sources, seeds and snapshots
// with descriptions, configs, columns and their data tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "project/config_map.h"
#include "project/config_value.h"
#include "project/source_freshness.h"
#include "project/source_load.h"
#include "project/unit_test_spec.h"
#include "util/error.h"

namespace mrun::project {

/// One generic test use: `unique`, `{accepted_values: {values: [...]}}`,
/// `{relationships: {to: "ref('x')", field: id}}`, or a custom test name.
struct TestUse {
  std::string test_name;      ///< e.g. "unique", "relationships", "non_negative"
  std::string column;         ///< column under test; empty for a model-level test
  bool quote_column = false;  ///< the column's `quote: true`: tests see its name quoted
  ConfigValue arguments;      ///< keyword arguments (a map, as written; values may hold Jinja)
  ConfigMap config;           ///< severity, where, error_if, warn_if, store_failures ...
  std::string custom_name;    ///< an explicit `name:` for the test, if given
  SourceLocation where;
};

/// A column with its description and tests.
struct ColumnSpec {
  std::string name;
  std::string description;
  std::string data_type;
  bool quote = false;         ///< `quote: true`: its name is a quoted identifier in tests
  ConfigValue meta;
  ConfigValue constraints;    ///< `constraints:` (a list of maps with `type`), enforced under a contract
  std::vector<TestUse> tests;
};

/// A model (or seed, or snapshot) entry of a schema file.
struct ModelSpec {
  std::string name;
  std::string description;
  ConfigMap config;
  std::vector<ColumnSpec> columns;
  ConfigValue constraints;     ///< model-level `constraints:` (each with its `columns:`)
  std::vector<TestUse> tests;  ///< model-level tests
  SourceLocation where;
  /// Snapshots only: `relation: ref('x')` or `source('a', 'b')`, a snapshot
  /// defined in YAML (dbt 1.9); "" for properties of a {% snapshot %} block.
  std::string relation;
  SourceLocation relation_where;
};

/// One table of a source.
struct SourceTableSpec {
  std::string name;
  std::string identifier;      ///< table name in the database (default: name)
  std::string description;
  ConfigValue meta;
  ConfigValue config;
  std::optional<LoadSpec> load;  ///< the loader's settings, when meta names a file
  FreshnessSetting freshness;    ///< `freshness:`/`loaded_at_field:` as the table writes them
  std::vector<ColumnSpec> columns;
  std::vector<TestUse> tests;
  SourceLocation where;
};

/// A source: a schema of tables loaded from outside.
struct SourceSpec {
  std::string name;
  std::string schema;          ///< default: name
  std::string description;
  ConfigValue meta;
  std::vector<SourceTableSpec> tables;
  FreshnessSetting freshness;  ///< `freshness:`/`loaded_at_field:` for every table (project/source_freshness.h)
  SourceLocation where;
};

/// Everything one schema file declares.
struct SchemaFile {
  std::string path;
  std::vector<ModelSpec> models;
  std::vector<ModelSpec> seeds;
  std::vector<ModelSpec> snapshots;
  std::vector<SourceSpec> sources;
  std::vector<UnitTestSpec> unit_tests;
};

/// Parses one schema file. Throws ConfigError with file:line:col on a wrong
/// shape (e.g. `columns` not a list, a test entry that is neither a name nor
/// a one-key map, a malformed loader setting); unknown top-level keys are
/// appended to `warnings`.
SchemaFile load_schema_file(const std::string& path, const std::string& display_path,
                            std::vector<std::string>& warnings);

/// The same for schema-file text; `origin` names it in errors.
SchemaFile parse_schema_text(std::string_view text, const std::string& origin, std::vector<std::string>& warnings);

}  // namespace mrun::project
