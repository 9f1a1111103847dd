#include "exec/test_columns.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "exec/query_columns.h"
#include "exec/seed_loader.h"
#include "parse/call_location.h"
#include "parse/node_compiler.h"
#include "util/closest_name.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::exec {

namespace {

using graph::NodeKind;
using Columns = std::vector<std::string>;

// Reserved words that PostgreSQL reads as a value, not a column, in a
// select list: a test on one runs without the column existing.
bool is_value_keyword(const std::string& folded) {
  static const std::unordered_set<std::string> kValues = {
      "current_catalog", "current_date", "current_role",   "current_schema", "current_time", "current_timestamp",
      "current_user",    "localtime",    "localtimestamp", "session_user",   "user",         "true",
      "false",           "null"};
  return kValues.count(folded) > 0;
}

bool is_plain_identifier(const std::string& name) {
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (name.empty() || !start(name[0])) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return start(c) || (c >= '0' && c <= '9') || c == '$'; });
}

// Whether the post_hooks of `node` leave its columns as its SQL made them:
// each is one statement that cannot add, drop or rename a column (an
// index, grants, comments, statistics). Any other hook may (ALTER TABLE, a
// macro call), so the columns are then known only once it has run.
bool hooks_keep_columns(const graph::Node& node) {
  static const char* const kHarmless[] = {"create index ", "create unique index ", "grant ", "revoke ",
                                          "comment on ",   "analyze",             "vacuum"};
  for (const std::string& hook : node.config.get_list("post_hook")) {
    std::string text = to_lower(trim(hook));
    while (!text.empty() && text.back() == ';') text.pop_back();
    bool harmless = text.find(';') == std::string::npos && text.find("{%") == std::string::npos &&
                    std::any_of(std::begin(kHarmless), std::end(kHarmless),
                                [&](const char* prefix) { return text.rfind(prefix, 0) == 0; });
    if (!harmless) return false;
  }
  return true;
}

parse::Relation published_relation(const graph::Node& node) { return {node.database_schema, node.relation_name}; }

// The relation a test of `node` reads now: in an atomic run, the shadow
// (or staged raw table) when the run built one.
parse::Relation read_relation(const RunState& state, const graph::Node& node) {
  parse::Relation published = published_relation(node);
  if (state.shadows)
    if (auto shadow = state.shadows->shadow_of(published)) return *shadow;
  return published;
}

// The column names of `relation`; nullopt when it does not exist.
std::optional<Columns> relation_column_names(pqxx::transaction_base& tx, const parse::Relation& relation) {
  Columns names;
  for (const QueryColumn& c : relation_columns(tx, relation)) names.push_back(c.name);
  if (names.empty()) return std::nullopt;
  return names;
}

// The columns of model `index`'s SQL rendered now (shadows: an atomic
// run's staged raw tables), described by PostgreSQL without running it:
// under LIMIT 0 the executor fetches no row (one round trip; a SELECT
// cannot hold a data-modifying WITH inside a subquery). nullopt when the
// render or the description fails. No QueryScope is lent: a render that
// queries the database fails here instead of running anything.
std::optional<Columns> described_columns(pqxx::transaction_base& tx, const RunState& state, size_t index) {
  try {
    parse::NodeRender setup;
    setup.shadow = state.shadows != nullptr;
    setup.silent = true;  // the node's own render logs what it logs
    std::string sql = parse::compile_node_with(state.context, state.project, index, setup);
    pqxx::result described = tx.exec("SELECT * FROM (\n" + sql + "\n) AS mrun_described LIMIT 0");
    Columns names;
    for (pqxx::row::size_type i = 0; i < described.columns(); ++i) names.emplace_back(described.column_name(i));
    return names;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string schema_file_text(const RunState& state, const graph::Node& test) {
  const std::string& file = test.where.file;
  std::string path = !file.empty() && file[0] == '/' ? file : state.context.project().root_dir + "/" + file;
  try {
    return read_file(path);
  } catch (const std::exception&) {
    return "";
  }
}

// What the preflight knows of the columns of the nodes of one run.
class ColumnForecast {
 public:
  ColumnForecast(pqxx::transaction_base& tx, const RunState& state, const std::vector<size_t>& selected)
      : tx_(tx), state_(state), manifest_(state.project.manifest) {
    for (size_t index : selected) {
      NodeKind kind = manifest_.nodes[index].kind;
      if (kind == NodeKind::Model || kind == NodeKind::Seed || kind == NodeKind::Snapshot) built_.insert(index);
    }
    read_existing_columns();
  }

  // The columns the tests of node `index` will see, when known before the run.
  const std::optional<Columns>& columns(size_t index) {
    auto found = columns_.find(index);
    if (found != columns_.end()) return found->second;
    return columns_[index] = forecast(index);
  }

 private:
  // The columns of every relation in the project's schemas, in one query.
  void read_existing_columns() {
    std::unordered_set<std::string> schemas;
    for (const graph::Node& node : manifest_.nodes)
      if (node.kind != NodeKind::Test && node.kind != NodeKind::UnitTest) schemas.insert(node.database_schema);
    std::vector<std::string> list(schemas.begin(), schemas.end());
    auto rows = tx_.exec_params(
        "SELECT n.nspname, c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (string_to_array($1, E'\\n')) "
        "AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.oid, a.attnum",
        join(list, "\n"));
    for (const auto& row : rows) existing_[key(row[0].c_str(), row[1].c_str())].emplace_back(row[2].c_str());
  }

  static std::string key(const std::string& schema, const std::string& name) { return schema + '\0' + name; }

  // The columns of `relation` now; nullopt when it does not exist.
  std::optional<Columns> existing(const parse::Relation& relation) const {
    auto found = existing_.find(key(relation.schema, relation.identifier));
    if (found == existing_.end()) return std::nullopt;
    return found->second;
  }

  bool ephemeral(const graph::Node& node) const {
    return node.kind == NodeKind::Model && node.materialized() == "ephemeral";
  }

  std::optional<Columns> forecast(size_t index) {
    const graph::Node& node = manifest_.nodes[index];
    if (node.kind == NodeKind::Source) return existing(read_relation(state_, node));
    if (ephemeral(node)) return parents_stable(index) ? described_columns(tx_, state_, index) : std::nullopt;
    if (!built_.count(index)) return existing(published_relation(node));
    if (node.kind == NodeKind::Snapshot || !hooks_keep_columns(node)) return std::nullopt;
    if (node.kind == NodeKind::Seed) {
      try {
        return seed_columns(node, state_.context.project().root_dir + "/" + node.path);
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
    bool full_refresh = state_.full_refresh || node.config.get_bool("full_refresh", false);
    if (node.materialized() == "incremental" && !full_refresh &&
        state_.catalog.find(published_relation(node)) == parse::RelationKind::Table)
      return existing(published_relation(node));
    return parents_stable(index) ? described_columns(tx_, state_, index) : std::nullopt;
  }

  // Whether the parents of node `index`, as its SQL reads them now, have
  // the columns they will have when it runs.
  bool parents_stable(size_t index) {
    for (size_t parent : manifest_.parents[index])
      if (!stable(parent)) return false;
    return true;
  }

  bool stable(size_t index) {
    auto found = stable_.find(index);
    if (found != stable_.end()) return found->second;
    return stable_[index] = decide_stable(index);
  }

  bool decide_stable(size_t index) {
    const graph::Node& node = manifest_.nodes[index];
    if (ephemeral(node)) return parents_stable(index);  // inlined: its parents are read
    if (node.kind == NodeKind::Source || !built_.count(index)) return true;
    const std::optional<Columns>& will = columns(index);
    std::optional<Columns> now = existing(published_relation(node));
    if (!will || !now) return false;
    Columns a = *will, b = *now;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  }

  pqxx::transaction_base& tx_;
  const RunState& state_;
  const graph::Manifest& manifest_;
  std::unordered_set<size_t> built_;
  std::unordered_map<std::string, Columns> existing_;  ///< by key(schema, name)
  std::map<size_t, std::optional<Columns>> columns_;
  std::map<size_t, bool> stable_;
};

bool has_column(const Columns& columns, const std::string& column) {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

}  // namespace

std::optional<std::string> tested_column(const graph::Node& test) {
  const std::string& name = test.test.column_name;
  if (test.kind != NodeKind::Test || name.empty()) return std::nullopt;
  if (test.test.quote_column) return name;
  if (!is_plain_identifier(name)) return std::nullopt;
  std::string folded = to_lower(name);
  if (is_value_keyword(folded)) return std::nullopt;
  return folded;
}

std::string missing_column_message(const graph::Node& test, const graph::Node& tested, const std::string& column,
                                   const std::vector<std::string>& columns, const std::string& schema_text) {
  std::string written = test.test.column_name == column ? "" : " (\"" + column + "\" to PostgreSQL)";
  std::string message = "test " + test.name + ": " + graph::kind_name(tested.kind) + " '" + tested.name +
                        "' has no column '" + test.test.column_name + "'" + written;
  std::string closest = closest_name(column, columns);
  if (!closest.empty()) {
    message += "; did you mean '" + closest + "'?";
  } else {
    constexpr size_t kShown = 20;
    std::vector<std::string> shown(columns.begin(), columns.begin() + std::min(columns.size(), kShown));
    message += "; its columns: " + join(shown, ", ") + (columns.size() > kShown ? ", ..." : "");
  }
  parse::CallLocation at{test.where, ""};
  if (test.where.line > 0 && test.where.column > 0) {
    std::vector<std::string> lines = split(schema_text, '\n');
    if (static_cast<size_t>(test.where.line) <= lines.size())
      at.line_text = std::string(trim(lines[test.where.line - 1]).empty() ? "" : lines[test.where.line - 1]);
    if (!at.line_text.empty() && at.line_text.back() == '\r') at.line_text.pop_back();
  }
  return message + parse::caret_lines(at);
}

std::unordered_set<size_t> check_test_columns(pqxx::connection& conn, const RunState& state,
                                              const std::vector<size_t>& selected) {
  const graph::Manifest& manifest = state.project.manifest;
  std::vector<size_t> tests;
  for (size_t index : selected)
    if (tested_column(manifest.nodes[index]) && manifest.find(manifest.nodes[index].test.attached_node) != manifest.npos)
      tests.push_back(index);
  std::unordered_set<size_t> after_build;
  if (tests.empty()) return after_build;
  pqxx::nontransaction tx(conn);  // reads only; a description that fails leaves the next one free to run
  ColumnForecast forecast(tx, state, selected);
  std::vector<std::string> missing;
  const graph::Node* first = nullptr;
  for (size_t index : tests) {
    const graph::Node& test = manifest.nodes[index];
    const graph::Node& tested = manifest.nodes[manifest.find(test.test.attached_node)];
    const std::optional<Columns>& columns = forecast.columns(manifest.find(test.test.attached_node));
    std::string column = *tested_column(test);
    if (!columns) {
      after_build.insert(index);
    } else if (!has_column(*columns, column)) {
      std::string message = missing_column_message(test, tested, column, *columns, schema_file_text(state, test));
      missing.push_back(first ? test.where.str() + ": " + message : message);
      if (!first) first = &test;
    }
  }
  if (first) throw ConfigError(first->where, join(missing, "\n"));
  return after_build;
}

void check_test_column_after_build(pqxx::connection& conn, const RunState& state, size_t test_index) {
  const graph::Manifest& manifest = state.project.manifest;
  const graph::Node& test = manifest.nodes[test_index];
  std::optional<std::string> column = tested_column(test);
  size_t tested_index = manifest.find(test.test.attached_node);
  if (!column || tested_index == manifest.npos) return;
  const graph::Node& tested = manifest.nodes[tested_index];
  pqxx::nontransaction tx(conn);  // reads only
  std::optional<Columns> columns = tested.kind == NodeKind::Model && tested.materialized() == "ephemeral"
                                       ? described_columns(tx, state, tested_index)
                                       : relation_column_names(tx, read_relation(state, tested));
  if (!columns || has_column(*columns, *column)) return;
  throw ConfigError(test.where, missing_column_message(test, tested, *column, *columns, schema_file_text(state, test)));
}

}  // namespace mrun::exec
