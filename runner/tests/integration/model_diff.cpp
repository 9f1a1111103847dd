#include "model_diff.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <pqxx/pqxx>

#include "db/quote.h"

namespace mrun::test {

namespace {

// Each relation of `schemas` with its rows as text, sorted (a multiset).
std::map<std::string, std::vector<std::string>> rows_by_relation(const std::string& url,
                                                                 const std::vector<std::string>& schemas) {
  pqxx::connection conn(url);
  pqxx::read_transaction tx(conn);
  std::string in;
  for (const auto& s : schemas) in += (in.empty() ? "" : ", ") + tx.quote(s);
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& r : tx.exec("select table_schema, table_name from information_schema.tables"
                               " where table_schema in (" + in + ")")) {
    std::string name = db::quote_identifier(r[0].c_str()) + "." + db::quote_identifier(r[1].c_str());
    std::vector<std::string>& rows = out[name];
    for (const auto& row : tx.exec("select t::text from " + name + " as t")) rows.emplace_back(row[0].c_str());
    std::sort(rows.begin(), rows.end());
  }
  return out;
}

// The rows of `a` that `b` has fewer times (a EXCEPT ALL b), at most `shown`, and how many.
std::string surplus(const std::vector<std::string>& a, const std::vector<std::string>& b, size_t shown,
                    const std::string& label) {
  std::vector<std::string> extra;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(extra));
  if (extra.empty()) return "";
  std::string out = "  " + std::to_string(extra.size()) + " rows only in " + label + ":\n";
  for (size_t i = 0; i < std::min(shown, extra.size()); ++i) out += "    " + extra[i] + "\n";
  return out;
}

}  // namespace

ModelDiff diff_models(const std::string& url_a, const std::string& url_b, const std::vector<std::string>& schemas,
                      size_t shown) {
  auto a = rows_by_relation(url_a, schemas);
  auto b = rows_by_relation(url_b, schemas);
  ModelDiff diff;
  for (const auto& [name, rows] : a) {
    auto other = b.find(name);
    if (other == b.end()) {
      diff.differences += name + ": only in the first database\n";
      continue;
    }
    ++diff.relations;
    std::string d =
        surplus(rows, other->second, shown, "the first") + surplus(other->second, rows, shown, "the second");
    if (!d.empty()) diff.differences += name + " (" + std::to_string(rows.size()) + " vs " +
                                        std::to_string(other->second.size()) + " rows):\n" + d;
  }
  for (const auto& [name, rows] : b)
    if (!a.count(name)) diff.differences += name + ": only in the second database\n";
  return diff;
}

}  // namespace mrun::test
