// Model contracts (dbt's `contract: {enforced: true}`): the columns a model
// declares in its schema file (`columns:` with `data_type`) are checked
// against what its SQL returns before anything is built, and a table is
// created with those typed columns and their `constraints:` (not_null,
// unique, primary_key, check, foreign_key; column- and model-level), then
// filled with `insert ... select`, so PostgreSQL enforces them.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "exec/query_columns.h"
#include "graph/manifest.h"
#include "parse/relation.h"

namespace mrun::exec {

/// True when the model's config has contract: {enforced: true}.
bool contract_enforced(const graph::Node& node);

/// The rows of dbt's mismatch table for `declared` against `actual` (names
/// compared exactly, types as PostgreSQL names them): empty when they agree.
/// Each row: column name, definition type, contract type, reason ("data type
/// mismatch", "missing in definition", "missing in contract").
std::vector<std::vector<std::string>> contract_mismatches(const std::vector<QueryColumn>& declared,
                                                          const std::vector<QueryColumn>& actual);

/// Checks `sql` (the model's compiled SELECT) against the node's declared
/// columns on `tx` (left as it was). Throws RunError naming the model with
/// dbt's table of mismatches, or when a column has no data_type.
void check_contract(pqxx::transaction_base& tx, const graph::Node& node, const std::string& sql);

/// CREATE TABLE `relation` with the declared columns, their types and
/// every constraint (model-level ones after the columns).
std::string contracted_create_table(const graph::Node& node, const parse::Relation& relation);

/// INSERT INTO `relation` of the declared columns, selected by name from `sql`.
std::string contracted_insert(const graph::Node& node, const parse::Relation& relation, const std::string& sql);

}  // namespace mrun::exec
