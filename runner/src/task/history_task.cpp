#include "task/history_task.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "db/connection.h"
#include "db/quote.h"
#include "graph/selector.h"
#include "state/run_history.h"
#include "state/state_schema.h"
#include "task/prepared_project.h"
#include "util/error.h"

namespace mrun::task {

namespace {

// What a history line is about: a node, or the raw table a source reads.
struct Subject {
  std::string key;    // unique id, or for a source its relation (loads are by relation)
  std::string label;  // the name people use
  std::string unique_id;
};

std::vector<Subject> subjects_of(const graph::Manifest& manifest, const CommonOptions& options) {
  graph::SelectOptions kinds;
  if (options.select.empty()) kinds.resource_types = {graph::NodeKind::Model, graph::NodeKind::Seed, graph::NodeKind::Source};
  std::vector<Subject> out;
  for (size_t i : graph::select_nodes(manifest, options.select, options.exclude, kinds)) {
    const graph::Node& n = manifest.nodes[i];
    if (n.kind == graph::NodeKind::Source) {
      out.push_back({db::qualified_name(n.database_schema, n.relation_name), n.source_name + "." + n.name, n.unique_id});
    } else {
      out.push_back({n.unique_id, n.name, n.unique_id});
    }
  }
  return out;
}

std::string counts_text(const std::map<std::string, int>& statuses) {
  std::string out;
  for (const auto& [status, count] : statuses) out += (out.empty() ? "" : ", ") + std::to_string(count) + " " + status;
  return out.empty() ? "-" : out;
}

std::string seconds_text(const std::optional<double>& seconds) {
  if (!seconds) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.2fs", *seconds);
  return text;
}

nlohmann::ordered_json history_json(const std::vector<state::RunSummaryRow>& runs, const std::vector<Subject>& subjects) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : runs) {
    nlohmann::ordered_json run{{"run_id", r.run_id},         {"command", r.command},
                               {"status", r.status},         {"exit_code", r.exit_code ? nlohmann::json(*r.exit_code) : nullptr},
                               {"started_at", r.started_at}, {"finished_at", r.finished_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.finished_at)},
                               {"seconds", r.seconds ? nlohmann::json(*r.seconds) : nullptr},
                               {"as_of", r.as_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.as_of)},
                               {"dataset_uri", r.dataset_uri}, {"published", r.published},
                               {"statuses", r.statuses}};
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
    for (const Subject& s : subjects) {
      auto it = r.nodes.find(s.key);
      if (it == r.nodes.end()) continue;
      const state::NodeInRun& n = it->second;
      nodes.push_back({{"unique_id", s.unique_id},
                       {"name", s.label},
                       {"status", n.status},
                       {"rows", n.row_count ? nlohmann::json(*n.row_count) : nullptr},
                       {"seconds", n.seconds ? nlohmann::json(*n.seconds) : nullptr},
                       {"message", n.message}});
    }
    run["nodes"] = nodes;
    list.push_back(run);
  }
  return list;
}

void print_text(std::ostream& out, const std::string& project, const std::vector<state::RunSummaryRow>& runs,
                const std::vector<Subject>& subjects, bool terminal) {
  out << "Runs of " << project << " (newest first):\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %-36s  %-20s  %-7s  %-9s  %-4s  %-8s  %-10s  %-9s  %s\n", "run",
                "started (UTC)", "command", "status", "exit", "time", "as_of", "published", "nodes");
  out << line;
  for (const auto& r : runs) {
    std::snprintf(line, sizeof line, "  %-36s  %-20s  %-7s  %-9s  %-4s  %-8s  %-10s  %-9s  %s\n", r.run_id.c_str(),
                  r.started_at.c_str(), r.command.c_str(), r.status.c_str(),
                  r.exit_code ? std::to_string(*r.exit_code).c_str() : "-", seconds_text(r.seconds).c_str(),
                  r.as_of.empty() ? "-" : r.as_of.c_str(), r.published.c_str(), counts_text(r.statuses).c_str());
    out << line;
  }
  if (subjects.empty()) return;
  out << "\nNodes over these runs (rows oldest -> newest" << (terminal ? " as a trend" : "") << "):\n";
  size_t width = 4;
  for (const Subject& s : subjects) width = std::max(width, s.label.size());
  std::snprintf(line, sizeof line, "  %-*s  %-9s  %12s  %-8s  %s\n", static_cast<int>(width), "node", "status", "rows",
                "time", "rows per run");
  out << line;
  for (const Subject& s : subjects) {
    std::vector<std::optional<long long>> counts;
    const state::NodeInRun* latest = nullptr;
    for (auto r = runs.rbegin(); r != runs.rend(); ++r) {
      auto it = r->nodes.find(s.key);
      if (it == r->nodes.end()) {
        counts.emplace_back();
        continue;
      }
      latest = &it->second;
      counts.push_back(it->second.row_count ? std::optional<long long>(*it->second.row_count) : std::nullopt);
    }
    std::string trend;
    if (terminal) {
      trend = sparkline(counts);
    } else {
      for (const auto& c : counts) trend += (trend.empty() ? "" : ",") + (c ? std::to_string(*c) : std::string("-"));
    }
    std::snprintf(line, sizeof line, "  %-*s  %-9s  %12s  %-8s  %s\n", static_cast<int>(width), s.label.c_str(),
                  latest ? latest->status.c_str() : "-",
                  latest && latest->row_count ? std::to_string(*latest->row_count).c_str() : "-",
                  latest ? seconds_text(latest->seconds).c_str() : "-", trend.c_str());
    out << line;
  }
}

}  // namespace

std::string sparkline(const std::vector<std::optional<long long>>& counts) {
  static const char* const kBlocks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
  long long lo = 0, hi = 0;
  bool any = false;
  for (const auto& c : counts) {
    if (!c) continue;
    lo = any ? std::min(lo, *c) : *c;
    hi = any ? std::max(hi, *c) : *c;
    any = true;
  }
  std::string out;
  for (const auto& c : counts) {
    if (!c) {
      out += " ";
      continue;
    }
    size_t level = hi == lo ? 7 : static_cast<size_t>((*c - lo) * 7 / (hi - lo));
    out += kBlocks[level];
  }
  return out;
}

int show_history(ProjectSession& session, const CommonOptions& options, int runs, const std::string& output) {
  if (runs < 1) throw ConfigError("--runs must be at least 1");
  PreparedProject& p = prepare_project(session, options, true);
  std::vector<Subject> subjects = subjects_of(p.parsed.manifest, options);
  std::vector<std::string> ids, relations;
  for (const Subject& s : subjects) (s.key == s.unique_id ? ids : relations).push_back(s.key);
  auto conn = db::connect(session.target().url);
  state::ensure_state_schema(*conn, session.project().state_schema);
  auto history = state::recent_runs(*conn, session.project().state_schema, session.project().name, runs, ids, relations);
  if (output == "json") {
    std::cout << nlohmann::ordered_json{{"project", session.project().name}, {"runs", history_json(history, subjects)}}.dump()
              << "\n";
    return kExitOk;
  }
  if (history.empty()) {
    std::cout << "no runs of " << session.project().name << " recorded yet in the state schema "
              << session.project().state_schema << "\n";
    return kExitOk;
  }
  print_text(std::cout, session.project().name, history, subjects, isatty(STDOUT_FILENO) != 0);
  return kExitOk;
}

}  // namespace mrun::task
