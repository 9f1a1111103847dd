// not_null tests of one relation answered by one scan. A model's not_null
// tests each read the whole relation for a few rows that are never there
// (five of them on fct_rating: five scans of 26M rows before its children
// may start); one query counts the nulls of every such column at once:
//
//   select count(*) filter (where (user_id) is null), count(*) filter (where (movie_id) is null), ...
//   from "core"."fct_rating"
//
// A test takes part when its compiled SQL is exactly the shape of dbt's
// not_null ("select C from R where C is null", whichever macro wrote it),
// with the default fail_calc, no limit and no stored failures: then its
// failures are the count of rows where C is null, the same number its own
// query gives. The first such test of a relation to run compiles the other
// not_null tests attached to the same node, counts for all of them and
// keeps the counts for the run; the others wait for it, then take theirs.
// When the shared query fails (e.g. one test names a column that is not
// there), every test runs its own query as before, so errors are reported
// per test, as always.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "graph/manifest.h"

namespace mrun::exec {

/// The parts of a compiled not_null test: its column expression and the
/// relation (or subquery) it reads.
struct NullCheck {
  std::string column;
  std::string relation;
};

/// The column and relation of `sql` when it is exactly "select C from R
/// where C is null" (the whitespace of dbt's not_null macro), else nullopt.
std::optional<NullCheck> plain_not_null(const std::string& sql);

class SharedNullScans {
 public:
  /// Renders manifest node `index` as the run executes it.
  using Compile = std::function<std::string(size_t index)>;

  /// The failures of test manifest node `index`, whose compiled SQL is
  /// `sql`, from the scan of its relation shared with the other not_null
  /// tests attached to the same node (run on `conn` by the first of them);
  /// nullopt when the test does not take part or the shared scan failed:
  /// then it runs its own query. `store_failures` is the run's flag.
  std::optional<long long> failures(pqxx::connection& conn, const graph::Manifest& manifest, size_t index,
                                    const std::string& sql, const Compile& compile, bool store_failures);

 private:
  /// One relation's scan: done once, under its mutex.
  struct Scan {
    std::mutex mutex;
    bool done = false;
    std::map<std::string, long long> nulls;  ///< by column expression; empty when the scan failed
  };

  /// The not_null tests of the manifest by the node they are attached to.
  const std::vector<size_t>& tests_attached_to(const graph::Manifest& manifest, const std::string& node);

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Scan>> scans_;  ///< by relation text
  std::map<std::string, std::vector<size_t>> by_attached_;
  bool indexed_ = false;
};

}  // namespace mrun::exec
