// Which nodes wait for which tests in `mrun build` (dbt's "test edges").
//
// A test runs once all of its parents are built. An error-severity test then
// holds back the descendants of every node it tests: of each of its parents,
// relationships and other multi-parent tests (and singular tests that ref
// several models) included. Exempt are the test's own parents and their
// ancestors, which must be built before the test can run. A node that waits
// for a test is skipped when the test fails or is skipped, so bad data stops
// where it is found.
//
// This holds back more than dbt (which gates a node only on tests all of whose
// parents are its ancestors): a failing relationships test from fct_rating to
// dim_movie stops the other models built from dim_movie as well, since either side
// may be the wrong one.
//
// No cycles: the ancestors exempted are those of the graph being built, test
// edges added so far included, and tests are visited in the order given (so
// the result is deterministic). With plain model ancestry the rule would be
// circular as soon as two children of one model are each tested against it
// (fct_a and fct_b with relationships tests to dim: each would wait for the
// other's test); here the first test in the order holds back the other child,
// which is then built after it, and the second test exempts the first child,
// now its ancestor. Such siblings are built one after the other. Likewise two
// tests cannot each hold back a node upstream of the other's parent (t1 -> d
// -> p2 -> t2 -> e -> q1 -> t1). Warn-severity tests never fail a node, so
// they hold back nothing and cost the build no waiting.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "graph/manifest.h"

namespace mrun::graph {

/// True for a test whose failure fails the run (severity error, the
/// default; dbt's `severity: warn` is the only other value).
bool holds_back_descendants(const Node& test);

/// The edges (test position, node position) to add to the graph of
/// `selected` (manifest indexes, parents before children; edges between
/// them are the manifest's parent edges) so that every node waits for the
/// error-severity tests of its ancestors as described above. Targets are
/// never tests; each edge appears once. A test of one parent costs its
/// parent's child count; a test of several parents an upward walk over its
/// ancestors.
std::vector<std::pair<size_t, size_t>> test_gate_edges(const Manifest& manifest, const std::vector<size_t>& selected);

}  // namespace mrun::graph
