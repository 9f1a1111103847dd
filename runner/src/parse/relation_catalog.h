// Which relations exist in the database, and whether each is a table or a
// view: read once at the start of a run, updated as nodes build.
#pragma once

#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <unordered_map>

#include "parse/relation.h"

namespace mrun::parse {

/// Kind of an existing relation.
enum class RelationKind { Table, View };

/// A thread-safe snapshot of the database's user relations.
class RelationCatalog {
 public:
  /// Reads every table, partitioned table and view outside the system schemas.
  void load(pqxx::connection& conn);
  /// The kind of `relation`, or nullopt when it does not exist.
  std::optional<RelationKind> find(const Relation& relation) const;
  /// Records that `relation` now exists as `kind` (after a build).
  void record(const Relation& relation, RelationKind kind);
  /// Records that `relation` no longer exists.
  void forget(const Relation& relation);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, RelationKind> relations_;
};

}  // namespace mrun::parse
