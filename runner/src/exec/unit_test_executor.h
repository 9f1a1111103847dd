// Running a dbt unit test: its model rendered with each given input
// (ref/source) replaced by a CTE of the given rows, typed by the real input
// relation's columns (so the inputs must exist, as dbt requires), and the
// rows it returns compared with the expected rows as a multiset, on the
// expected columns. Nothing is written: it all runs in one transaction that
// is rolled back.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "exec/test_executor.h"
#include "parse/dbt_context.h"
#include "parse/project_parser.h"
#include "parse/shadow_relations.h"

namespace mrun::exec {

/// A unit test's verdict and the SQL it ran (the model with its fixtures).
struct UnitTestOutcome {
  TestOutcome outcome;  ///< Pass, or Fail with the difference as message
  std::string sql;      ///< the model's SQL over the given rows
};

/// Runs unit test `index` of `project` on `conn`. Inputs built by this run
/// are read from their shadows (`shadows`, null outside an atomic run).
/// Throws RunError when an input does not exist or is ephemeral without
/// format: sql, or an expected column is not among the model's; ConfigError
/// for an unsupported override; TemplateError from the model.
UnitTestOutcome run_unit_test(pqxx::connection& conn, const parse::DbtContext& context,
                              const parse::ParsedProject& project, size_t index,
                              const parse::ShadowRelations* shadows);

/// The difference of two multisets of rows (each value text, or nullopt for
/// NULL): the expected rows missing from `actual` ("-") and the rows of
/// `actual` not expected ("+"), as a table under `columns`; empty when equal.
using TextRow = std::vector<std::optional<std::string>>;
std::string rows_difference(const std::vector<std::string>& columns, std::vector<TextRow> expected,
                            std::vector<TextRow> actual, long long& differing);

}  // namespace mrun::exec
