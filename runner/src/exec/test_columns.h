// Generic tests on columns that do not exist (README, "Tests on missing
// columns"): a column-level test (`columns: - name: revenu, tests: [not_null]`)
// whose column the tested relation lacks is an error at the test's entry in
// its schema file, with the closest column ("did you mean 'revenue'?"),
// instead of a PostgreSQL error after its model was built.
//
// Before any node runs (check_test_columns), the columns each tested model,
// seed, snapshot or source will have are worked out without building
// anything (the columns of every relation in the project's schemas are read
// in one query; one more query per model described):
//   - a source, or a node this run does not build: the relation as it is
//     now (an atomic run's staged raw table for a source it loaded);
//   - a seed this run builds: its CSV header;
//   - an incremental model whose table exists (no full refresh): that
//     table's columns (mrun inserts into it, never alters it);
//   - any other model (and an ephemeral one): its compiled SELECT described
//     by PostgreSQL (`SELECT * FROM (<sql>) LIMIT 0`: planned, no row read),
//     rendered (silently: log() prints at the node's own render) against
//     the relations that exist now (staged raw tables
//     included, models by their published names) and only when every
//     parent it reads is stable: not built by this run, or built by it
//     with the same column names the parent has now (worked out the same
//     way, recursively). A parent whose columns change in this run would
//     make the description wrong, so the model's tests are then checked
//     after it is built.
// A snapshot built by this run, a node with a post_hook that may alter the
// relation (anything but `create [unique] index`, grant, revoke, comment
// on, analyze, vacuum), a render that queries the database (no connection
// is lent to it: nothing in a template runs) or a description that fails
// leaves the columns unknown, and the tests to the check after the build.
//
// A missing column found there stops the run with exit code 2 before any
// node runs, naming every such test. The tests it could not decide are
// checked again just before each runs (check_test_column_after_build),
// against the relation its node built (its shadow in an atomic run); a
// missing column there is that test's error, with the same message, and
// still a configuration error: the run exits 2 (the project needs a fix,
// not a retry) and an atomic run publishes nothing. A test on an
// expression that PostgreSQL finds no column for is pointed at the same
// way by exec/test_executor.cpp, from the database's error.
//
// Never a false positive: only a column that PostgreSQL would read as a
// column is checked (tested_column); an expression (`lower(email)`), a
// name that is an SQL function without parentheses (`current_date`) or a
// name outside ASCII is left to the test itself. Known limit: a model that
// names a relation without ref() or source() is not known to read it.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <unordered_set>
#include <vector>

#include "exec/node_executor.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// The column generic test `test` names, as PostgreSQL resolves it in the
/// test's SQL: with `quote: true`, as written; a plain identifier
/// ([A-Za-z_][A-Za-z0-9_$]*) folded to lower case. nullopt for a test
/// without a column and for anything else (an expression, a keyword that
/// is a value such as `current_date` or `null`, non-ASCII names).
std::optional<std::string> tested_column(const graph::Node& test);

/// The message for test `test` whose column (`column`, from tested_column)
/// is not among `columns` of the node `tested`: which test, which node, the
/// closest column or else the columns it has, and the test's line of its
/// schema file under a caret when `schema_text` (that file) is given.
std::string missing_column_message(const graph::Node& test, const graph::Node& tested, const std::string& column,
                                   const std::vector<std::string>& columns, const std::string& schema_text);

/// The preflight: checks the columns of the column-level tests among
/// `selected` (manifest indexes) whose tested node's columns can be known
/// before the run (see above), on `conn`, changing nothing. Throws
/// ConfigError at the first test whose column does not exist, naming every
/// such test. Returns the tests left to check_test_column_after_build.
std::unordered_set<size_t> check_test_columns(pqxx::connection& conn, const RunState& state,
                                              const std::vector<size_t>& selected);

/// Checks the column of test `test_index` against what its tested node now
/// is (the relation built, in an atomic run its shadow; an ephemeral
/// model's SQL described), on `conn`. Throws ConfigError at the test with
/// missing_column_message when it is missing; does nothing when the
/// columns cannot be read (the relation missing: the test's own query says so).
void check_test_column_after_build(pqxx::connection& conn, const RunState& state, size_t test_index);

}  // namespace mrun::exec
