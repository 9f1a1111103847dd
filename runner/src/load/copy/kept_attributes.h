// What a relation that a publish replaces passes on to its replacement:
// comments (on it and its columns), privileges and indexes that people
// added by hand. The new relation was built from scratch (a CREATE TABLE AS,
// a COPY, a view), so without this every publish would drop the grants that
// let readers in and the indexes an analyst made.
//
// Captured in the publish transaction before the old relation is dropped,
// restored after the new one is in place: the new relation's own comments
// win (a comment is restored only where it has none), privileges are granted
// again, and an index is recreated when no index of its name exists (those
// from the `indexes` config are built with the table). What cannot be
// restored (a column that is gone) becomes a warning, not a failure.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "load/copy/dependent_views.h"

namespace mrun::load {

/// A relation's attributes as captured before a publish replaces it.
struct KeptAttributes {
  std::string schema;            ///< its schema
  std::string name;              ///< its name
  CommentsAndGrants access;      ///< its comments and privileges
  /// Its indexes (name, CREATE INDEX statement), of a table.
  std::vector<std::pair<std::string, std::string>> indexes;
};

/// The attributes of each of `relations` (quoted, qualified names) that
/// exists. Run it in the publish transaction, before the drops.
std::vector<KeptAttributes> capture_kept_attributes(PgConnection& connection, const std::vector<std::string>& relations);

/// Puts `kept` on the relations of the same names now in place, each step
/// under a savepoint; returns a warning per step that failed.
std::vector<std::string> restore_kept_attributes(PgConnection& connection, const std::vector<KeptAttributes>& kept);

}  // namespace mrun::load
