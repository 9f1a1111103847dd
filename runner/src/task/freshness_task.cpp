#include "task/freshness_task.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <pqxx/pqxx>

#include "artifacts/sources_json.h"
#include "db/connection.h"
#include "db/quote.h"
#include "graph/selector.h"
#include "state/run_store.h"
#include "task/prepared_project.h"
#include "util/error.h"

#ifndef MRUN_VERSION
#define MRUN_VERSION "0.1.0"
#endif

namespace mrun::task {

namespace {

// A source table whose freshness is checked, and how.
struct FreshnessCheck {
  const graph::Node* node;
  project::FreshnessRule rule;
  std::string loaded_at_field;  ///< empty: mrun's own last load (`loaded_by_mrun`)
  bool loaded_by_mrun = false;
};

std::string age_text(std::optional<double> seconds) {
  if (!seconds) return "no rows";
  char out[48];
  double s = *seconds;
  if (s < 120) std::snprintf(out, sizeof out, "%.0f seconds", s);
  else if (s < 7200) std::snprintf(out, sizeof out, "%.1f minutes", s / 60);
  else if (s < 172800) std::snprintf(out, sizeof out, "%.1f hours", s / 3600);
  else std::snprintf(out, sizeof out, "%.1f days", s / 86400);
  return out;
}

std::string limits_text(const project::FreshnessRule& rule) {
  std::string out;
  if (rule.warn_after) out += "warn after " + rule.warn_after->str();
  if (rule.error_after) out += std::string(out.empty() ? "" : ", ") + "error after " + rule.error_after->str();
  return out;
}

// The checks for the selected source nodes that have a freshness rule.
std::vector<FreshnessCheck> checks_of(const PreparedProject& p, const project::ProjectConfig& config,
                                      const CommonOptions& options) {
  std::map<std::string, std::pair<const project::SourceSpec*, const project::SourceTableSpec*>> specs;
  for (const auto& file : p.parsed.schema_files)
    for (const auto& src : file.sources)
      for (const auto& table : src.tables)
        specs["source." + config.name + "." + src.name + "." + table.name] = {&src, &table};
  graph::SelectOptions select;
  select.resource_types = {graph::NodeKind::Source};
  std::vector<FreshnessCheck> out;
  for (size_t index : graph::select_nodes(p.parsed.manifest, options.select, options.exclude, select)) {
    const graph::Node& node = p.parsed.manifest.nodes[index];
    auto found = specs.find(node.unique_id);
    if (found == specs.end()) continue;
    const auto& [src, table] = found->second;
    std::optional<project::FreshnessRule> rule = project::effective_freshness(src->freshness, table->freshness);
    if (!rule) continue;
    std::string field = project::effective_loaded_at_field(src->freshness, table->freshness);
    out.push_back({&node, *rule, field, field.empty() && table->load.has_value()});
  }
  return out;
}

// Measures one table: fills max_loaded_at, snapshotted_at and the age.
void measure(pqxx::connection& conn, const FreshnessCheck& check, artifacts::FreshnessResult& r,
             const std::map<std::string, state::LastLoad>& last_loads) {
  const graph::Node& node = *check.node;
  std::string relation = db::qualified_name(node.database_schema, node.relation_name);
  pqxx::read_transaction tx(conn);
  const char* iso = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";
  r.snapshotted_at = tx.exec1(std::string("select to_char(now() at time zone 'UTC', ") + iso + ")")[0].c_str();
  if (check.loaded_by_mrun) {
    auto load = last_loads.find(relation);
    if (load == last_loads.end()) return;  // never loaded: no rows
    r.max_loaded_at = load->second.loaded_at;
    r.age_seconds = load->second.age_seconds;
    return;
  }
  std::string sql = "select to_char(max(" + check.loaded_at_field + ")::timestamptz at time zone 'UTC', " + iso +
                    "), extract(epoch from now() - max(" + check.loaded_at_field + ")::timestamptz)::float8 from " +
                    relation + (check.rule.filter.empty() ? "" : " where " + check.rule.filter);
  pqxx::row row = tx.exec1(sql);
  if (row[0].is_null()) return;
  r.max_loaded_at = row[0].c_str();
  r.age_seconds = row[1].as<double>();
}

}  // namespace

int run_freshness_task(ProjectSession& session, const CommonOptions& options) {
  auto start = std::chrono::steady_clock::now();
  PreparedProject& p = prepare_project(session, options, true);
  const project::ProjectConfig& config = session.project();
  std::vector<FreshnessCheck> checks = checks_of(p, config, options);
  if (checks.empty()) {
    std::cout << "No selected source has a freshness rule (freshness: with warn_after or error_after)\n";
    return kExitOk;
  }
  std::map<std::string, state::LastLoad> last_loads;
  bool any_loaded_by_mrun = false;
  for (const auto& c : checks) any_loaded_by_mrun = any_loaded_by_mrun || c.loaded_by_mrun;
  if (any_loaded_by_mrun)
    last_loads = state::RunStore(session.target().url, config.state_schema, config.name).last_loads();
  auto conn = db::connect(session.target().url);

  std::vector<artifacts::FreshnessResult> results;
  std::map<std::string, int> counts;
  int exit_code = kExitOk;
  size_t total = checks.size();
  for (size_t k = 0; k < total; ++k) {
    const FreshnessCheck& check = checks[k];
    std::string label = check.node->source_name + "." + check.node->name;
    std::string position = std::to_string(k + 1) + " of " + std::to_string(total);
    artifacts::FreshnessResult r;
    r.unique_id = check.node->unique_id;
    r.criteria = check.rule;
    r.started_at = artifacts::utc_timestamp_now();
    auto began = std::chrono::steady_clock::now();
    try {
      if (check.loaded_at_field.empty() && !check.loaded_by_mrun)
        throw ConfigError(check.rule.where, "source " + label +
                                                " has a freshness rule but no loaded_at_field (and mrun does not load it)");
      measure(*conn, check, r, last_loads);
      // No rows (or never loaded): as old as can be, as dbt counts it.
      r.status = check.rule.status_for(r.age_seconds ? *r.age_seconds : 1e18);
    } catch (const std::exception& e) {
      r.status = "runtime error";
      r.error = e.what();
    }
    r.completed_at = artifacts::utc_timestamp_now();
    r.execution_time = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    ++counts[r.status];
    std::string verdict = r.status == "runtime error" ? "ERROR" : r.status == "pass" ? "PASS" : r.status == "warn" ? "WARN" : "ERROR STALE";
    std::string detail = r.status == "runtime error" ? r.error
                                                     : "age " + age_text(r.age_seconds) + "; " + limits_text(check.rule) +
                                                           (check.loaded_by_mrun ? "; mrun's last load" : "");
    std::cout << position << " " << verdict << " freshness of " << label << " [" << detail << "]\n";
    if (r.status == "error" || r.status == "runtime error" || (r.status == "warn" && options.warn_error))
      exit_code = kExitFailed;
    results.push_back(std::move(r));
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  artifacts::ArtifactMetadata metadata = artifacts::new_metadata(config.name, MRUN_VERSION);
  metadata.invocation_id = p.context->settings().invocation_id;
  artifacts::write_sources_json(target_dir(config) + "/sources.json", results, metadata, elapsed);
  std::cout << "Freshness: " << counts["pass"] << " pass, " << counts["warn"] << " warn, " << counts["error"]
            << " error, " << counts["runtime error"] << " runtime error; wrote " << target_dir(config)
            << "/sources.json\n";
  return exit_code;
}

}  // namespace mrun::task
