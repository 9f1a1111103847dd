// The columns (names and PostgreSQL types) of a query or a relation, as the
// database describes them: what model contracts and unit tests compare.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "parse/relation.h"

namespace mrun::exec {

/// One column: its name and its type as format_type() spells it, without
/// type modifiers ("integer", "character varying", "numeric", "text").
struct QueryColumn {
  std::string name;
  std::string type;
  std::string full_type;  ///< with its modifiers ("character varying(20)", "numeric(10,2)")
};

/// The columns of the SELECT `sql`, in order, found without running it: a
/// temporary view is created and read under a savepoint that is rolled back,
/// so `tx` is left as it was. Throws pqxx errors when `sql` does not compile.
std::vector<QueryColumn> query_columns(pqxx::transaction_base& tx, const std::string& sql);

/// The columns of `relation` (a table or view), in order; empty when it
/// does not exist.
std::vector<QueryColumn> relation_columns(pqxx::transaction_base& tx, const parse::Relation& relation);

}  // namespace mrun::exec
