#include "exec/monitoring.h"

#include <algorithm>

#include "db/quote.h"
#include "util/closest_name.h"
#include "util/error.h"

namespace mrun::exec {

namespace {

struct KindName {
  MonitoringKind kind;
  const char* name;
};

constexpr KindName kKinds[] = {{MonitoringKind::RowCountChange, "row_count_change"},
                               {MonitoringKind::VolumeAnomaly, "volume_anomaly"},
                               {MonitoringKind::RejectRatio, "reject_ratio"}};

std::vector<std::string> allowed_arguments(MonitoringKind kind) {
  switch (kind) {
    case MonitoringKind::RowCountChange: return {"max_drop_pct", "max_growth_pct"};
    case MonitoringKind::VolumeAnomaly: return {"runs", "min_runs", "max_deviation_pct"};
    case MonitoringKind::RejectRatio: return {"max_reject_pct"};
  }
  return {};
}

// Reads one test's arguments; each error names where the argument (else the test) is written.
class Arguments {
 public:
  Arguments(const graph::Node& test, std::string test_name) : test_(test), name_(std::move(test_name)) {}

  [[noreturn]] void fail(const project::ConfigValue* at, const std::string& message) const {
    SourceLocation where = at ? at->where() : SourceLocation{};
    throw ConfigError(where.file.empty() ? test_.where : where, name_ + ": " + message);
  }

  void refuse_unknown(const std::vector<std::string>& allowed) const {
    for (const auto& [key, value] : test_.test.arguments.entries()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string suggestion = closest_name(key, allowed);
      std::string known;
      for (const std::string& a : allowed) known += (known.empty() ? "" : ", ") + a;
      fail(&value, "unknown argument '" + key + "'" +
                       (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") + "; its arguments: " + known);
    }
  }

  // A percentage of at least 0 (and at most `most`), or nullopt when not given.
  std::optional<PercentLimit> percent(const std::string& key, double most = -1) const {
    const project::ConfigValue* v = given(key);
    if (!v) return std::nullopt;
    using Kind = project::ConfigValue::Kind;
    if ((v->kind() != Kind::Integer && v->kind() != Kind::Float) || v->as_double() < 0 ||
        (most >= 0 && v->as_double() > most)) {
      fail(v, key + " must be a number of percent from 0" + (most >= 0 ? " to " + std::to_string(int(most)) : "") +
                  ", not '" + v->text() + "'");
    }
    return PercentLimit{v->as_double(), v->text()};
  }

  // A whole number of at least 1, or `otherwise` when not given.
  int count(const std::string& key, int otherwise) const {
    const project::ConfigValue* v = given(key);
    if (!v) return otherwise;
    if (v->kind() != project::ConfigValue::Kind::Integer || v->as_integer() < 1 || v->as_integer() > 10000)
      fail(v, key + " must be a whole number from 1 to 10000, not '" + v->text() + "'");
    return static_cast<int>(v->as_integer());
  }

  const project::ConfigValue* given(const std::string& key) const {
    const project::ConfigValue* v = test_.test.arguments.find(key);
    return v && !v->is_null() ? v : nullptr;
  }

 private:
  const graph::Node& test_;
  std::string name_;
};

// The relation the test counts, checked to be one whose row counts mrun records.
std::string tested_relation(const graph::Manifest& manifest, const graph::Node& test, MonitoringKind kind,
                            const Arguments& args) {
  size_t index = manifest.find(test.test.attached_node);
  if (index == graph::Manifest::npos) args.fail(nullptr, "tests a model, seed or source (it has none)");
  const graph::Node& tested = manifest.nodes[index];
  if (kind == MonitoringKind::RejectRatio && tested.kind != graph::NodeKind::Source)
    args.fail(nullptr, "tests the load of a source table, not " + std::string(graph::kind_name(tested.kind)) + " '" +
                           tested.name + "'");
  std::string materialized = tested.kind == graph::NodeKind::Model ? tested.materialized() : "";
  if (materialized == "view" || materialized == "ephemeral")
    args.fail(nullptr, "model '" + tested.name + "' is " + materialized +
                           ": mrun records the row counts of tables, incremental models, seeds and the raw tables "
                           "it loads, so there is no history to compare with (test the table it reads, or make it "
                           "a table)");
  return db::qualified_name(tested.database_schema, tested.relation_name);
}

// The rows `relation` holds, when this run wrote them: built by a node of
// the run, or loaded by its load.
std::optional<int64_t> known_row_count(const std::string& relation, const MonitoringHistory& history,
                                       const BuiltRowCounts& built) {
  if (auto rows = built.find(relation)) return rows;
  auto load = history.loads.find(relation);
  if (load != history.loads.end() && !history.current_run.empty() && load->second.run_id == history.current_run)
    return load->second.rows_loaded;
  return std::nullopt;
}

// Runs the test's compiled count.
int64_t count_rows(pqxx::connection& conn, const graph::Node& test, const MonitoringSpec& spec,
                   const std::string& sql) {
  pqxx::nontransaction tx(conn);
  pqxx::result rows = tx.exec("select row_count from (\n" + sql + "\n) mrun_monitor");
  if (rows.size() != 1 || rows[0][0].is_null())
    throw RunError(test.test.test_name + " on " + spec.relation + ": its query returned " +
                   std::to_string(rows.size()) + " rows, not one row_count (does a project macro override the builtin?)");
  return rows[0][0].as<int64_t>();
}

}  // namespace

std::optional<MonitoringKind> monitoring_kind(const graph::Node& node) {
  if (node.kind != graph::NodeKind::Test) return std::nullopt;
  const std::string& full = node.test.test_name;
  size_t dot = full.rfind('.');
  std::string name = dot == std::string::npos ? full : full.substr(dot + 1);
  for (const KindName& k : kKinds)
    if (name == k.name) return k.kind;
  return std::nullopt;
}

std::string monitoring_macro(MonitoringKind kind) {
  for (const KindName& k : kKinds)
    if (k.kind == kind) return std::string("test_") + k.name;
  return "";
}

MonitoringSpec monitoring_spec(const graph::Manifest& manifest, const graph::Node& test) {
  MonitoringSpec spec;
  spec.kind = *monitoring_kind(test);
  Arguments args(test, test.test.test_name);
  if (!test.test.column_name.empty())
    args.fail(nullptr, "is a test of a whole table: list it under the table's data_tests, not column '" +
                           test.test.column_name + "'");
  if (!test.config.get_string("where").empty())
    args.fail(nullptr, "compares the whole relation with its history: config `where` is not supported");
  args.refuse_unknown(allowed_arguments(spec.kind));
  switch (spec.kind) {
    case MonitoringKind::RowCountChange:
      spec.max_drop = args.percent("max_drop_pct", 100);
      spec.max_growth = args.percent("max_growth_pct");
      if (!spec.max_drop && !spec.max_growth)
        args.fail(nullptr, "give max_drop_pct, max_growth_pct or both (the change in percent above which it fails)");
      break;
    case MonitoringKind::VolumeAnomaly:
      spec.anomaly.runs = args.count("runs", spec.anomaly.runs);
      spec.anomaly.min_runs = args.count("min_runs", spec.anomaly.min_runs);
      if (spec.anomaly.min_runs > spec.anomaly.runs)
        args.fail(args.given("min_runs") ? args.given("min_runs") : args.given("runs"),
                  "min_runs " + std::to_string(spec.anomaly.min_runs) + " is more than runs " +
                      std::to_string(spec.anomaly.runs) + " (the window never holds that many runs)");
      if (auto deviation = args.percent("max_deviation_pct")) spec.anomaly.max_deviation = *deviation;
      break;
    case MonitoringKind::RejectRatio: {
      auto reject = args.percent("max_reject_pct", 100);
      if (!reject) args.fail(nullptr, "give max_reject_pct (the rejected rows in percent of the rows read)");
      spec.max_reject = *reject;
      break;
    }
  }
  spec.relation = tested_relation(manifest, test, spec.kind, args);
  return spec;
}

int monitoring_history_depth(const graph::Manifest& manifest) {
  int depth = 0;
  for (const graph::Node& node : manifest.nodes) {
    auto kind = monitoring_kind(node);
    if (!kind) continue;
    depth = std::max(depth, 1);
    if (*kind != MonitoringKind::VolumeAnomaly) continue;
    const project::ConfigValue* runs = node.test.arguments.find("runs");
    // A bad value is the test's error when it runs; here it asks for nothing more.
    if (runs && runs->kind() == project::ConfigValue::Kind::Integer && runs->as_integer() <= 10000)
      depth = std::max(depth, static_cast<int>(runs->as_integer()));
    else
      depth = std::max(depth, VolumeAnomalyLimits{}.runs);
  }
  return depth;
}

TestOutcome run_monitoring_test(pqxx::connection& conn, const graph::Node& test, const MonitoringSpec& spec,
                                const std::string& sql, const MonitoringHistory& history,
                                const BuiltRowCounts& built) {
  judge_failures(test, 0);  // a bad severity or condition fails before the query runs
  std::optional<int64_t> known = spec.kind == MonitoringKind::RejectRatio
                                     ? std::optional<int64_t>(0)  // judged on the load's numbers alone
                                     : known_row_count(spec.relation, history, built);
  const int64_t now = known ? *known : count_rows(conn, test, spec, sql);
  static const std::vector<state::RecordedRowCount> none;
  auto counts = history.row_counts.find(spec.relation);
  const auto& earlier = counts == history.row_counts.end() ? none : counts->second;
  VolumeVerdict verdict;
  switch (spec.kind) {
    case MonitoringKind::RowCountChange:
      verdict = check_row_count_change(spec.relation, now, earlier, spec.max_drop, spec.max_growth);
      break;
    case MonitoringKind::VolumeAnomaly:
      verdict = check_volume_anomaly(spec.relation, now, earlier, spec.anomaly);
      break;
    case MonitoringKind::RejectRatio: {
      auto load = history.loads.find(spec.relation);
      verdict = check_reject_ratio(spec.relation, load == history.loads.end() ? nullptr : &load->second,
                                   spec.max_reject);
      break;
    }
  }
  TestOutcome out = judge_failures(test, verdict.out_of_bounds ? 1 : 0);
  out.message = verdict.message;
  return out;
}

}  // namespace mrun::exec
