// Comparing what two databases built, row by row: every table and view of
// the given schemas, as multisets of rows (EXCEPT ALL both ways), so a test
// can state "this database equals a fresh build of the same data".
#pragma once

#include <string>
#include <vector>

namespace mrun::test {

/// The outcome of a comparison.
struct ModelDiff {
  size_t relations = 0;     ///< relations compared (present in both)
  std::string differences;  ///< empty when equal, else what differs, relation by relation
};

/// Compares the tables and views of `schemas` in the databases at `url_a`
/// and `url_b`: names missing on one side, and per relation the rows one
/// side has more often than the other (at most `shown` of each).
ModelDiff diff_models(const std::string& url_a, const std::string& url_b, const std::vector<std::string>& schemas,
                      size_t shown = 3);

}  // namespace mrun::test
