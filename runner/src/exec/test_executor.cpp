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

TestOutcome run_test_query(pqxx::connection& conn, const graph::Node& test, const std::string& sql,
                           bool store_failures, const std::string& target_schema, SchemaRegistry& schemas) {
  std::string severity = to_lower(test.config.get_string("severity", "error"));
  if (severity != "error" && severity != "warn") {
    throw ConfigError(test.where, "severity must be error or warn, not '" + severity + "'");
  }
  std::string warn_if = threshold_condition(test, "warn_if");
  std::string error_if = threshold_condition(test, "error_if");
  std::string limit = test.config.get_string("limit");
  std::string body = sql + (limit.empty() ? "" : "\nlimit " + std::to_string(std::stoll(limit)));

  TestOutcome out;
  if (store_failures || test.config.get_bool("store_failures", false)) {
    std::string schema = target_schema + "_test_failures";
    schemas.ensure(conn, schema);
    std::string table = db::qualified_name(schema, test.name.substr(0, 63));
    pqxx::work tx(conn);
    tx.exec("DROP TABLE IF EXISTS " + table);
    tx.exec("CREATE TABLE " + table + " AS (\n" + body + "\n)");
    tx.commit();
    out.stored_in = table;
    body = "select * from " + table;
  }
  pqxx::nontransaction tx(conn);
  auto row = tx.exec1("select count(*), count(*) " + warn_if + ", count(*) " + error_if + " from (\n" + body +
                      "\n) mrun_test");
  out.failures = row[0].as<long long>();
  bool should_warn = row[1].as<bool>();
  bool should_error = row[2].as<bool>();
  if (severity == "error" && should_error) {
    out.status = NodeStatus::Fail;
    out.message = "Got " + std::to_string(out.failures) + " result" + (out.failures == 1 ? "" : "s") +
                  ", configured to fail if " + error_if;
  } else if (should_warn) {
    out.status = NodeStatus::Warn;
    out.message = "Got " + std::to_string(out.failures) + " result" + (out.failures == 1 ? "" : "s") +
                  ", configured to warn if " + warn_if;
  } else {
    out.status = NodeStatus::Pass;
  }
  if (!out.stored_in.empty() && out.failures > 0) out.message += "; failing rows in " + out.stored_in;
  return out;
}

}  // namespace mrun::exec
