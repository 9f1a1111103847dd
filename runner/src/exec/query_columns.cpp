#include "exec/query_columns.h"

#include "db/quote.h"

namespace mrun::exec {

namespace {

std::vector<QueryColumn> attributes_of(pqxx::transaction_base& tx, const std::string& regclass_text) {
  std::vector<QueryColumn> out;
  auto rows = tx.exec_params(
      "SELECT attname, format_type(atttypid, NULL), format_type(atttypid, atttypmod) FROM pg_attribute "
      "WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
      regclass_text);
  for (const auto& row : rows) out.push_back({row[0].c_str(), row[1].c_str(), row[2].c_str()});
  return out;
}

}  // namespace

std::vector<QueryColumn> query_columns(pqxx::transaction_base& tx, const std::string& sql) {
  tx.exec("SAVEPOINT mrun_query_columns");
  try {
    tx.exec("CREATE TEMPORARY VIEW mrun_query_columns AS (\n" + sql + "\n)");
    auto columns = attributes_of(tx, "pg_temp.mrun_query_columns");
    tx.exec("ROLLBACK TO SAVEPOINT mrun_query_columns");
    return columns;
  } catch (...) {
    tx.exec("ROLLBACK TO SAVEPOINT mrun_query_columns");
    throw;
  }
}

std::vector<QueryColumn> relation_columns(pqxx::transaction_base& tx, const parse::Relation& relation) {
  return attributes_of(tx, relation.quoted());
}

}  // namespace mrun::exec
