// The column lineage of `mrun docs generate` remembered between generates
// (target/column_lineage_cache.json), as dbt's partial parsing remembers
// parsed files: a later generate asks the database to analyze only the
// models whose analysis could have changed.
//
// What a model's direct column origins depend on is its compiled SQL and
// the columns (names and types, in order) of the relations that SQL reads.
// Each remembered entry holds a key: the MD5 of the compiled SQL and of the
// column lists of the relations of its parents in the manifest (through
// ephemeral models to what they read) and of every relation its origins
// name (which covers relations the SQL names without ref() or source()).
// An entry is used only when the key computed now, from the current SQL and
// the current database, is the same; a file of another mrun version or
// PostgreSQL server version is not used at all. Roots are not remembered:
// they are followed anew from the direct origins.
#pragma once

#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "artifacts/catalog_json.h"
#include "docs/docs_site.h"
#include "graph/manifest.h"

namespace mrun::docs {

/// column -> its direct origin (ColumnOrigin::sources; roots left empty).
using DirectOrigins = std::map<std::string, ColumnOrigin>;

class ColumnLineageCache {
 public:
  /// Reads `path` (a missing, unreadable or other version's file is an
  /// empty cache). `version` names the mrun that analyzes; `catalog` gives
  /// the columns of the project's relations (others are read when needed).
  ColumnLineageCache(std::string path, std::string version, const std::vector<artifacts::CatalogRelation>& catalog);

  /// The remembered origins of manifest nodes `models`, by position;
  /// nullopt where there is none or its key no longer matches.
  std::vector<std::optional<DirectOrigins>> lookup(pqxx::connection& conn, const graph::Manifest& manifest,
                                                   const std::vector<size_t>& models);
  /// Remembers the origins analyzed now (`origins[k]` of `models[k]`; a
  /// nullopt is not remembered).
  void remember(pqxx::connection& conn, const graph::Manifest& manifest, const std::vector<size_t>& models,
                const std::vector<std::optional<DirectOrigins>>& origins);
  /// Writes what lookup found and remember was given (models gone from the
  /// project are dropped). Throws RunError when the file cannot be written.
  void save() const;

  /// How many models lookup found (for the summary line).
  size_t hits() const { return hits_; }

 private:
  struct Entry {
    std::string key;
    DirectOrigins origins;
  };
  // The relations whose columns the key of model `index` digests, given its origins.
  std::set<std::string> relations_of(const graph::Manifest& manifest, size_t index, const DirectOrigins* origins) const;
  std::string key(const graph::Manifest& manifest, size_t index, const std::set<std::string>& relations) const;
  // Reads the columns of those of `relations` not known yet (one query).
  void read_columns(pqxx::connection& conn, const std::set<std::string>& relations);

  std::string path_;
  std::string version_;      ///< this mrun's
  std::string file_server_;  ///< the server the file's entries were analyzed by
  std::string server_;       ///< the server now (set by lookup)
  std::map<std::string, Entry> loaded_;     ///< by unique_id, as read from the file
  std::map<std::string, Entry> kept_;       ///< what save() writes
  std::map<std::string, std::string> columns_;  ///< "schema.relation" -> "name type,..." ("" none: absent)
  size_t hits_ = 0;
};

}  // namespace mrun::docs
