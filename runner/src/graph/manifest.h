// The manifest: every node of a project (models, seeds, tests, sources) with
// its config and dependencies, as found by parsing and rendering. It is plain
// data shared by selection, scheduling and artifacts (target/manifest.json).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "project/config_map.h"
#include "project/config_value.h"
#include "project/unit_test_spec.h"
#include "util/error.h"

namespace mrun::graph {

/// What a node is.
enum class NodeKind { Model, Seed, Test, Source, Snapshot, UnitTest };

/// "model", "seed", "test", "source", "snapshot", "unit_test" (dbt's resource_type).
const char* kind_name(NodeKind kind);

/// True for the kinds ref() names: models, seeds and snapshots.
bool is_refable(NodeKind kind);

/// A described column (from schema.yml).
struct ColumnInfo {
  std::string name;
  std::string description;
  std::string data_type;
  project::ConfigValue constraints;  ///< a list of {type, expression, name, ...} (enforced under a contract)
};

/// For tests: which test, with which arguments, on which node.
struct TestInfo {
  std::string test_name;        ///< "unique", "not_null", "relationships", custom, or "" for singular tests
  std::string column_name;      ///< tested column ("" for model-level and singular tests)
  bool quote_column = false;    ///< the column's `quote: true`: column_name is a quoted identifier in the test's SQL
  std::string attached_node;    ///< unique_id of the tested model/seed/source ("" for singular tests)
  project::ConfigValue arguments;  ///< keyword arguments as written in schema.yml (a map)
};

/// One node of the DAG.
struct Node {
  std::string unique_id;        ///< "model.movies.stg_movies", "test.movies.unique_dim_genre_genre_id", "source.movies.raw.links"
  NodeKind kind = NodeKind::Model;
  std::string name;             ///< model/seed/test name; for sources the table name
  std::string source_name;      ///< for sources: the source's name ("raw")
  std::string package;          ///< project name
  std::string path;             ///< project-relative file ("models/staging/stg_movies.sql"; schema.yml for generic tests)
  std::string original_file_path;  ///< same as path for files; the schema file for generic tests/sources
  std::vector<std::string> fqn; ///< [project, folders..., name]; sources: [project, source, table]
  project::ConfigMap config;    ///< merged config (folder < schema.yml < config() call)
  std::string description;
  std::vector<ColumnInfo> columns;
  project::ConfigValue constraints;     ///< model-level constraints (a list; each names its columns)
  std::vector<std::string> depends_on;  ///< unique_ids of parents, no duplicates
  std::string raw_code;         ///< template text as written (models, tests)
  std::string compiled_code;    ///< rendered SQL (after compile)
  std::string database_schema;  ///< schema of the relation it builds (or reads, for sources)
  std::string relation_name;    ///< alias/identifier of the relation
  TestInfo test;                ///< kind == Test; a UnitTest's attached_node is its model
  /// kind == UnitTest: its given inputs and expected rows (fixture files read).
  std::shared_ptr<const project::UnitTestSpec> unit_test;
  SourceLocation where;         ///< where it is declared

  /// config tags as a list.
  std::vector<std::string> tags() const { return config.get_list("tags"); }
  /// config `materialized` (models: default "view"; seeds: "seed"; tests: "test"; snapshots: "snapshot"; unit tests: "unit").
  std::string materialized() const;
  /// config `enabled` (default true).
  bool enabled() const { return config.get_bool("enabled", true); }
};

/// All nodes, addressable by unique_id, with parent and child maps.
struct Manifest {
  std::vector<Node> nodes;
  std::unordered_map<std::string, size_t> by_id;          ///< unique_id -> index in nodes
  std::vector<std::vector<size_t>> parents;               ///< index -> parent indexes (from depends_on)
  std::vector<std::vector<size_t>> children;              ///< index -> child indexes

  /// Makes room for `count` nodes (no regrowth of the vector or the id index).
  void reserve(size_t count);
  /// Adds a node; throws ConfigError at its location when the unique_id exists
  /// already (e.g. two models with one name).
  size_t add(Node node);
  /// add() for nodes[index], a node already made in its place (the nodes
  /// after the last added one, made on several threads; nodes from `index`
  /// on are not yet in the id index). Same error as add().
  void add_placed(size_t index);
  /// Index of `unique_id`, or npos.
  size_t find(const std::string& unique_id) const;
  /// Rebuilds parents/children from every node's depends_on. Throws
  /// ConfigError naming the node and the missing unique_id when a parent is
  /// absent.
  void link();

  static constexpr size_t npos = static_cast<size_t>(-1);
};

}  // namespace mrun::graph
