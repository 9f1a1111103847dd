// Write–audit–publish: where a run with `publish: atomic` builds, and what its
// templates read while it runs.
//
// Every relation such a run changes is built under a shadow name and swapped
// into place only when the whole run passed (task/publish_step.h). Models
// and seeds are built in a shadow schema beside their own, with their final
// names: marts.mart_x is built as marts__mrun_shadow.mart_x. A raw table of
// the load is built as the loader's staged table (load/copy/load_sql.h:
// raw.films__new_<load>). While the run goes on, ref(), source() and `this`
// of a node built in this run resolve to its shadow, so views, ephemeral
// models and data tests read the new relations, never a mix of new and
// published ones. Readers of the published names see nothing of the run
// until the publish commits.
//
// A relation is registered here as soon as it is built (its children are
// compiled after it), in the order of the builds: parents before children.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "parse/relation.h"

namespace mrun::parse {

/// The shadow schema of `schema`: "<schema>__mrun_shadow" (cut to
/// PostgreSQL's 63 bytes).
std::string shadow_schema(const std::string& schema);

/// True when `schema` is a shadow schema.
bool is_shadow_schema(const std::string& schema);

/// A relation built in this run, not yet published.
struct ShadowRelation {
  Relation published;  ///< the name readers use
  Relation shadow;     ///< where the run built it
  bool view = false;   ///< a view (else a table)
  bool raw_load = false;  ///< a raw table of the load (the loader's staged table)
};

/// The relations a run built under shadow names (thread-safe).
class ShadowRelations {
 public:
  /// Records that `entry.published` was built as `entry.shadow`.
  void record(const ShadowRelation& entry);
  /// The shadow of `published` when this run built it, else nullopt.
  std::optional<Relation> shadow_of(const Relation& published) const;
  /// Every relation built, in the order they were recorded.
  std::vector<ShadowRelation> entries() const;

 private:
  mutable std::mutex mutex_;
  std::vector<ShadowRelation> entries_;
  std::unordered_map<std::string, size_t> index_;  ///< published quoted name -> entries_ index
};

}  // namespace mrun::parse
