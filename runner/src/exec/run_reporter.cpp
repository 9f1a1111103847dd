#include "exec/run_reporter.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <ostream>

#include "util/json_event.h"
#include "util/strings.h"

namespace mrun::exec {

namespace {

const char* kGreen = "\033[32m";
const char* kRed = "\033[31m";
const char* kYellow = "\033[33m";

std::string seconds(double s) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.2fs", s);
  return buf;
}

std::string describe(const graph::Node& node) {
  std::string what = node.kind == graph::NodeKind::Model ? node.materialized() + " model " : "";
  if (node.kind == graph::NodeKind::Seed) what = "seed ";
  if (node.kind == graph::NodeKind::Snapshot) what = "snapshot ";
  if (node.kind == graph::NodeKind::Test) return "test " + node.name;
  if (node.kind == graph::NodeKind::UnitTest) {
    std::string model = node.test.attached_node.substr(node.test.attached_node.rfind('.') + 1);
    return "unit_test " + model + "::" + node.name;
  }
  return what + node.database_schema + "." + node.relation_name;
}

}  // namespace

void RunCounts::add(NodeStatus status) {
  switch (status) {
    case NodeStatus::Success: ++ok; break;
    case NodeStatus::Error: ++error; break;
    case NodeStatus::Skipped: ++skipped; break;
    case NodeStatus::Reused: ++unchanged; break;
    case NodeStatus::Pass: ++pass; break;
    case NodeStatus::Fail: ++fail; break;
    case NodeStatus::Warn: ++warn; break;
  }
}

RunReporter::RunReporter(std::ostream& out, const ReportStyle& style)
    : out_(out),
      json_(style.json),
      color_(style.terminal && style.colors && !style.json),
      terminal_(style.terminal),
      quiet_(style.quiet) {}

void RunReporter::lines_written(bool force_flush) {
  auto now = std::chrono::steady_clock::now();
  if (force_flush || terminal_ || now - last_flush_ >= std::chrono::milliseconds(100)) {
    out_.flush();
    last_flush_ = now;
  }
}

void RunReporter::flush() {
  std::lock_guard lock(mutex_);
  out_.flush();
  last_flush_ = std::chrono::steady_clock::now();
}

std::string RunReporter::now() const {
  std::time_t tt = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  char buf[40];
  localtime_r(&tt, &tm);
  strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

std::string RunReporter::paint(const std::string& text, const char* color) const {
  return color_ ? std::string(color) + text + "\033[0m" : text;
}

void RunReporter::run_started(size_t total, int threads, const std::string& target) {
  if (quiet_) return;
  Event event(*this);
  if (json_) {
    out_ << json_event("run_started", {{"nodes", total}, {"threads", threads}, {"target", target}}) << '\n';
  } else {
    out_ << now() << "  Running " << total << " node" << (total == 1 ? "" : "s") << " with " << threads
         << " thread" << (threads == 1 ? "" : "s") << " on target " << target << '\n';
  }
}

void RunReporter::node_started(size_t position, size_t total, const graph::Node& node) {
  if (quiet_) return;
  Event event(*this);
  if (json_) {
    out_ << json_event("node_started", {{"index", position},
                                        {"total", total},
                                        {"unique_id", node.unique_id},
                                        {"resource_type", graph::kind_name(node.kind)}})
         << '\n';
  } else if (node.kind != graph::NodeKind::Test && node.kind != graph::NodeKind::UnitTest) {
    out_ << now() << "  " << position << " of " << total << " START " << describe(node) << '\n';
  }
}

void RunReporter::node_finished(size_t position, size_t total, const graph::Node& node, const NodeResult& r) {
  if (quiet_ && r.status != NodeStatus::Error && r.status != NodeStatus::Fail) return;
  Event event(*this);
  if (json_) {
    nlohmann::ordered_json j{{"index", position},
                     {"total", total},
                     {"unique_id", node.unique_id},
                     {"resource_type", graph::kind_name(node.kind)},
                     {"status", status_name(r.status)},
                     {"execution_time", r.execution_time},
                     {"message", r.message}};
    if (!r.relation.empty()) j["relation"] = r.relation;
    if (r.rows_affected >= 0) j["rows_affected"] = r.rows_affected;
    if (r.failures >= 0) j["failures"] = r.failures;
    if (!r.compiled_path.empty()) j["compiled_path"] = r.compiled_path;
    out_ << json_event("node_finished", j) << '\n';
    return;
  }
  std::string label;
  switch (r.status) {
    case NodeStatus::Success: label = paint("OK", kGreen); break;
    case NodeStatus::Pass: label = paint("PASS", kGreen); break;
    case NodeStatus::Warn: label = paint("WARN " + std::to_string(r.failures), kYellow); break;
    case NodeStatus::Fail: label = paint("FAIL " + std::to_string(r.failures), kRed); break;
    case NodeStatus::Error: label = paint("ERROR", kRed); break;
    case NodeStatus::Skipped: label = paint("SKIP", kYellow); break;
    case NodeStatus::Reused: label = paint("SKIP unchanged", kGreen); break;
  }
  out_ << now() << "  " << position << " of " << total << " " << label << " " << describe(node) << " [";
  // A message of several lines (a unit test's difference) goes below, as an error's does.
  bool below = r.status == NodeStatus::Error || r.message.find('\n') != std::string::npos;
  if (!r.message.empty() && !below) out_ << r.message << " in ";
  out_ << seconds(r.execution_time) << "]" << '\n';
  if (r.status == NodeStatus::Error || r.status == NodeStatus::Fail || r.status == NodeStatus::Warn) {
    if (below) out_ << "  " << replace_all(r.message, "\n", "\n  ") << '\n';
    if (!r.compiled_path.empty()) out_ << "  compiled SQL: " << r.compiled_path << '\n';
  }
}

void RunReporter::run_finished(const RunCounts& c, double elapsed, bool cancelled, bool publish_failed) {
  if (quiet_ && c.success() && !cancelled && !publish_failed) return;
  Event event(*this, /*flush=*/true);
  if (json_) {
    out_ << json_event("run_finished", {{"elapsed", elapsed}, {"cancelled", cancelled}, {"success", c.ok},
                                        {"error", c.error}, {"skipped", c.skipped}, {"pass", c.pass},
                                        {"fail", c.fail}, {"warn", c.warn}, {"unchanged", c.unchanged},
                                        {"publish_failed", publish_failed}})
         << '\n';
    return;
  }
  out_ << now() << "  " << (cancelled ? "Cancelled after " : "Finished in ") << seconds(elapsed) << ": " << c.ok
       << " ok, " << c.error << " error, " << c.skipped << " skipped, " << c.pass << " pass, " << c.fail
       << " fail, " << c.warn << " warn";
  if (c.unchanged > 0) out_ << ", " << c.unchanged << " unchanged";
  out_ << '\n';
  std::string verdict = c.success() && !cancelled && !publish_failed ? paint("Completed successfully", kGreen)
                                                  : paint("Completed with failures", kRed);
  out_ << now() << "  " << verdict << '\n';
}

void RunReporter::recap(const std::vector<RecapEntry>& entries) {
  if (entries.empty()) return;
  Event event(*this, /*flush=*/true);
  if (json_) {
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
    for (const RecapEntry& e : entries)
      nodes.push_back({{"unique_id", e.unique_id}, {"status", status_name(e.status)}, {"file", e.file},
                       {"message", e.message}});
    out_ << json_event("run_recap", {{"nodes", nodes}}) << '\n';
    return;
  }
  out_ << now() << "  Failed or skipped (" << entries.size() << "):" << '\n';
  size_t skipped = 0;
  for (const RecapEntry& e : entries) {
    if (e.status == NodeStatus::Skipped && ++skipped > kRecapSkippedLines) continue;
    std::string why = e.status == NodeStatus::Skipped ? "" : ": " + e.message.substr(0, e.message.find('\n'));
    out_ << now() << "    " << paint(status_name(e.status), e.status == NodeStatus::Skipped ? kYellow : kRed) << " "
         << e.unique_id << " (" << e.file << ")" << why << '\n';
  }
  if (skipped > kRecapSkippedLines)
    out_ << now() << "    ... and " << skipped - kRecapSkippedLines
         << " more skipped (target/run_results.json lists every node)" << '\n';
}

void RunReporter::note(const std::string& level, const std::string& text) {
  if (quiet_ && level != "error") return;
  Event event(*this);
  if (json_) {
    out_ << json_event("note", {{"level", level}, {"message", text}}) << '\n';
  } else {
    out_ << now() << "  " << (level == "info" ? "" : level + ": ") << text << '\n';
  }
}

}  // namespace mrun::exec
