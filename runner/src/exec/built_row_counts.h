// Row counts that a run knows without counting: what its own table builds,
// seeds and snapshots left in their relations (the row count a node's
// result records, exec/node_result.h). The row-count monitoring tests
// (exec/monitoring.h) read them instead of running count(*) again over a
// relation the run just wrote (26M rows of fct_rating, ~1 s of two cores
// each time).
//
// A relation is recorded only when nothing after its build can change its
// rows in the run (no post-hooks); filled by the workers as nodes finish,
// read by the tests that wait for those nodes.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace mrun::exec {

class BuiltRowCounts {
 public:
  /// `relation` ("schema"."name", its published name) holds `rows` now.
  void record(const std::string& relation, int64_t rows);

  /// What `relation` holds, when this run built it; else nullopt.
  std::optional<int64_t> find(const std::string& relation) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, int64_t> rows_;
};

}  // namespace mrun::exec
