#include "exec/shared_null_scans.h"

#include <algorithm>

#include "exec/test_executor.h"
#include "util/strings.h"

namespace mrun::exec {

std::optional<NullCheck> plain_not_null(const std::string& sql) {
  std::string_view text = trim(sql);
  constexpr std::string_view kSelect = "select ";
  if (text.substr(0, kSelect.size()) != kSelect) return std::nullopt;
  size_t from = text.find("\nfrom ");
  if (from == std::string_view::npos) return std::nullopt;
  std::string_view column = text.substr(kSelect.size(), from - kSelect.size());
  if (column.empty() || column.find('\n') != std::string_view::npos) return std::nullopt;
  std::string suffix = "\nwhere " + std::string(column) + " is null";
  std::string_view rest = text.substr(from + 6);
  if (rest.size() <= suffix.size() || rest.substr(rest.size() - suffix.size()) != suffix) return std::nullopt;
  std::string_view relation = rest.substr(0, rest.size() - suffix.size());
  if (trim(relation).empty()) return std::nullopt;
  return NullCheck{std::string(column), std::string(relation)};
}

namespace {

// Whether `test`'s failures are count(*) of its query's rows, all of them.
bool counts_all_rows(const graph::Node& test, bool store_failures) {
  return test.config.get_string("limit").empty() && fail_calc_of(test) == "count(*)" &&
         failures_relation_kind(test, store_failures).empty();
}

}  // namespace

const std::vector<size_t>& SharedNullScans::tests_attached_to(const graph::Manifest& manifest,
                                                              const std::string& node) {
  std::lock_guard lock(mutex_);
  if (!indexed_) {
    for (size_t i = 0; i < manifest.nodes.size(); ++i) {
      const graph::Node& n = manifest.nodes[i];
      if (n.kind == graph::NodeKind::Test && n.test.test_name == "not_null" && !n.test.attached_node.empty())
        by_attached_[n.test.attached_node].push_back(i);
    }
    indexed_ = true;
  }
  static const std::vector<size_t> none;
  auto it = by_attached_.find(node);
  return it == by_attached_.end() ? none : it->second;
}

std::optional<long long> SharedNullScans::failures(pqxx::connection& conn, const graph::Manifest& manifest,
                                                   size_t index, const std::string& sql, const Compile& compile,
                                                   bool store_failures) {
  const graph::Node& test = manifest.nodes[index];
  if (test.test.attached_node.empty() || !counts_all_rows(test, store_failures)) return std::nullopt;
  std::optional<NullCheck> own = plain_not_null(sql);
  if (!own) return std::nullopt;

  std::shared_ptr<Scan> scan;
  {
    std::lock_guard lock(mutex_);
    auto& slot = scans_[own->relation];
    if (!slot) slot = std::make_shared<Scan>();
    scan = slot;
  }
  std::lock_guard lock(scan->mutex);
  if (!scan->done) {
    scan->done = true;
    std::vector<std::string> columns{own->column};
    for (size_t sibling : tests_attached_to(manifest, test.test.attached_node)) {
      if (sibling == index || !counts_all_rows(manifest.nodes[sibling], store_failures)) continue;
      std::optional<NullCheck> other;
      try {
        other = plain_not_null(compile(sibling));
      } catch (const std::exception&) {
        continue;  // it reports its own error when it runs
      }
      if (other && other->relation == own->relation &&
          std::find(columns.begin(), columns.end(), other->column) == columns.end())
        columns.push_back(other->column);
    }
    std::string query = "select ";
    for (size_t i = 0; i < columns.size(); ++i)
      query += (i ? ",\n  " : "") + std::string("count(*) filter (where (") + columns[i] + ") is null)";
    query += "\nfrom " + own->relation;
    try {
      pqxx::nontransaction tx(conn);
      pqxx::row counts = tx.exec1(query);
      for (size_t i = 0; i < columns.size(); ++i) scan->nulls[columns[i]] = counts[static_cast<int>(i)].as<long long>();
    } catch (const pqxx::sql_error&) {
      scan->nulls.clear();  // each test runs its own query and reports its own error
    }
  }
  auto found = scan->nulls.find(own->column);
  if (found == scan->nulls.end()) return std::nullopt;
  return found->second;
}

}  // namespace mrun::exec
