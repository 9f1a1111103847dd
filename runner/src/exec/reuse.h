// Skipping work whose result is already there ("SKIP unchanged").
//
// A node's fingerprint digests everything its result is made from: its
// compiled SQL (a seed: its file's bytes), its config, the mrun version, and
// the data version of each parent. A model's or seed's data version is its
// own fingerprint; a source loaded by mrun has the content and loader
// settings of the file in its table (task/load_task.h); any other source a
// version unique to the run (it may have changed), unless its freshness
// `loaded_at_field` tells (the newest value in that column).
//
// A model or seed is reused (not run; reported `SKIP unchanged`) when its
// fingerprint equals that of its last build (state/run_store.h), that build
// succeeded, and its relation is still the very relation that build made
// (the same object id: not dropped or replaced by hand). A test is reused
// when its fingerprint equals that of its last run and that run passed; one
// that warned warns again with that run's numbers, without its query.
// --no-skip and --full-refresh turn reuse off; `mrun test` runs its tests.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "exec/node_result.h"
#include "graph/manifest.h"
#include "state/run_store.h"

namespace mrun::exec {

/// What a run knows about earlier runs, to decide what to reuse.
struct ReusePlan {
  bool enabled = false;  ///< false: every node runs (fingerprints are still computed and recorded)
  std::string engine;    ///< the mrun version
  std::string run_id;    ///< the data version of a parent nobody can vouch for: unique to the run
  std::map<std::string, state::PreviousBuild> previous;    ///< by unique id
  std::map<std::string, uint32_t> relation_oids;           ///< object ids of the relations that exist now
  std::map<std::string, std::string> source_versions;      ///< source unique id -> data version
};

/// The data versions of the nodes this run built or reused (thread-safe:
/// workers write them as nodes finish, their children read them).
class DataVersions {
 public:
  void set(const std::string& unique_id, std::string version);
  std::optional<std::string> get(const std::string& unique_id) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> versions_;
};

/// The fingerprint of manifest node `index` built from `content` (compiled
/// SQL, or a seed file's bytes), with its parents' data versions.
std::string node_fingerprint(const graph::Manifest& manifest, size_t index, std::string_view content,
                             const ReusePlan& plan, const DataVersions& versions);

/// The result of reusing `node`'s last build when the plan allows it
/// (status Reused, the rows and relation of that build, "unchanged since
/// run <id>"); nullopt when the node must run. `relation` is the quoted
/// relation the node builds ("" for tests).
std::optional<NodeResult> reuse_previous(const graph::Node& node, const std::string& fingerprint,
                                         const std::string& relation, const ReusePlan& plan);

}  // namespace mrun::exec
