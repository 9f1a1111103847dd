#include "exec/test_executor.h"

#include <regex>

#include "db/quote.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::exec {

std::string threshold_condition(const graph::Node& test, const std::string& key) {
  std::string text(trim(test.config.get_string(key, "!= 0")));
  static const std::regex form(R"(^(=|==|!=|<>|<|<=|>|>=)\s*-?\d+(\.\d+)?$)");
  if (!std::regex_match(text, form)) {
    throw ConfigError(test.where, key + " must be a comparison such as '!= 0' or '>= 10', not '" + text + "'");
  }
  if (text.rfind("==", 0) == 0) text = "=" + text.substr(2);
  return text;
}

namespace {

// Whether `count` meets `condition` (a comparison threshold_condition checked).
bool meets(long long count, const std::string& condition) {
  size_t digits = condition.find_first_not_of("=!<>");
  std::string op = condition.substr(0, digits);
  long double bound = std::stold(std::string(trim(condition.substr(digits))));
  long double value = static_cast<long double>(count);
  if (op == "=") return value == bound;
  if (op == "!=" || op == "<>") return value != bound;
  if (op == "<") return value < bound;
  if (op == "<=") return value <= bound;
  if (op == ">") return value > bound;
  return value >= bound;
}

std::string results_text(long long failures) {
  return "Got " + std::to_string(failures) + " result" + (failures == 1 ? "" : "s");
}

}  // namespace

TestOutcome judge_failures(const graph::Node& test, long long failures) {
  std::string severity = to_lower(test.config.get_string("severity", "error"));
  if (severity != "error" && severity != "warn") {
    throw ConfigError(test.where, "severity must be error or warn, not '" + severity + "'");
  }
  std::string warn_if = threshold_condition(test, "warn_if");
  std::string error_if = threshold_condition(test, "error_if");
  TestOutcome out;
  out.failures = failures;
  if (severity == "error" && meets(failures, error_if)) {
    out.status = NodeStatus::Fail;
    out.message = results_text(failures) + ", configured to fail if " + error_if;
  } else if (meets(failures, warn_if)) {
    out.status = NodeStatus::Warn;
    out.message = results_text(failures) + ", configured to warn if " + warn_if;
  } else {
    out.status = NodeStatus::Pass;
  }
  return out;
}

namespace {
// The test's query (with --store-failures, into its table first) and its verdict.
TestOutcome run_checked_query(pqxx::connection& conn, const graph::Node& test, std::string body, bool store_failures,
                              const std::string& target_schema, SchemaRegistry& schemas);
}  // namespace

std::string fail_calc_of(const graph::Node& test) {
  std::string text(trim(test.config.get_string("fail_calc", "count(*)")));
  if (text.empty()) throw ConfigError(test.where, "fail_calc must be a SQL expression such as count(*) or sum(n)");
  return text;
}

std::string failures_relation_kind(const graph::Node& test, bool store_failures) {
  std::string as = to_lower(std::string(trim(test.config.get_string("store_failures_as"))));
  if (!as.empty() && as != "table" && as != "view" && as != "ephemeral") {
    throw ConfigError(test.where, "store_failures_as must be table, view or ephemeral, not '" + as + "'");
  }
  if (as == "ephemeral") return "";
  if (!as.empty()) return as;  // dbt: store_failures_as takes precedence over store_failures
  return store_failures || test.config.get_bool("store_failures", false) ? "table" : "";
}

TestOutcome run_test_query(pqxx::connection& conn, const graph::Node& test, const std::string& sql,
                           bool store_failures, const std::string& target_schema, SchemaRegistry& schemas) {
  judge_failures(test, 0);  // a bad severity or condition fails before the query runs
  fail_calc_of(test);
  failures_relation_kind(test, store_failures);
  std::string limit = test.config.get_string("limit");
  std::string body = sql + (limit.empty() ? "" : "\nlimit " + std::to_string(std::stoll(limit)));

  try {
    return run_checked_query(conn, test, body, store_failures, target_schema, schemas);
  } catch (const pqxx::undefined_column& e) {
    if (test.test.column_name.empty()) throw;
    // The test names a column its model does not have: point at the test.
    std::string database_says(trim(e.what()));
    throw ConfigError(test.where, "test " + test.test.test_name + " names column '" + test.test.column_name +
                                      "', which the model it tests does not have (" +
                                      database_says.substr(0, database_says.find('\n')) + ")");
  }
}

namespace {
TestOutcome run_checked_query(pqxx::connection& conn, const graph::Node& test, std::string body, bool store_failures,
                              const std::string& target_schema, SchemaRegistry& schemas) {
  std::string stored_in;
  std::string store_as = failures_relation_kind(test, store_failures);
  if (!store_as.empty()) {
    std::string schema = target_schema + "_test_failures";
    schemas.ensure(conn, schema);
    std::string relation = db::qualified_name(schema, test.name.substr(0, 63));
    pqxx::work tx(conn);
    // The other kind may be there from an earlier run.
    tx.exec("DROP VIEW IF EXISTS " + relation + " CASCADE");
    tx.exec("DROP TABLE IF EXISTS " + relation + " CASCADE");
    tx.exec((store_as == "view" ? "CREATE VIEW " : "CREATE TABLE ") + relation + " AS (\n" + body + "\n)");
    tx.commit();
    stored_in = relation;
    body = "select * from " + relation;
  }
  pqxx::nontransaction tx(conn);
  // dbt's fail_calc: an aggregate over the failing rows (count(*) by
  // default); null (e.g. sum over no rows) counts as no failures.
  std::string fail_calc = fail_calc_of(test);
  auto row = tx.exec1("select coalesce((" + fail_calc + ")::bigint, 0) from (\n" + body + "\n) dbt_internal_test");
  TestOutcome out = judge_failures(test, row[0].as<long long>());
  out.stored_in = stored_in;
  if (!out.stored_in.empty() && out.failures > 0) out.message += "; failing rows in " + out.stored_in;
  return out;
}

}  // namespace

}  // namespace mrun::exec
