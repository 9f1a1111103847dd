#include "exec/reuse.h"

#include "parse/relation.h"
#include "util/md5_digest.h"

namespace mrun::exec {

namespace {

// A previous build that the relation in the database still holds.
bool relation_is_from(const state::PreviousBuild& build, const std::string& relation, const ReusePlan& plan) {
  if (build.relation != relation || !build.relation_oid) return false;
  auto now = plan.relation_oids.find(relation);
  return now != plan.relation_oids.end() && now->second == *build.relation_oid;
}

// The data version of `parent` as this run sees it.
std::string parent_version(const graph::Node& parent, const ReusePlan& plan, const DataVersions& versions) {
  if (auto v = versions.get(parent.unique_id)) return *v;
  if (parent.kind == graph::NodeKind::Source) {
    auto it = plan.source_versions.find(parent.unique_id);
    return it != plan.source_versions.end() ? it->second : "unknown:" + plan.run_id;
  }
  // Not run now (not selected): what its last build left, if it is still there.
  auto it = plan.previous.find(parent.unique_id);
  if (it != plan.previous.end()) {
    const state::PreviousBuild& b = it->second;
    bool built = b.status == "success" || b.status == "reused";
    bool ephemeral = parent.materialized() == "ephemeral";
    if (built && !b.fingerprint.empty() &&
        (ephemeral || relation_is_from(b, parse::Relation{parent.database_schema, parent.relation_name}.quoted(), plan)))
      return b.fingerprint;
  }
  return "unknown:" + plan.run_id;
}

}  // namespace

void DataVersions::set(const std::string& unique_id, std::string version) {
  std::lock_guard lock(mutex_);
  versions_[unique_id] = std::move(version);
}

std::optional<std::string> DataVersions::get(const std::string& unique_id) const {
  std::lock_guard lock(mutex_);
  auto it = versions_.find(unique_id);
  if (it == versions_.end()) return std::nullopt;
  return it->second;
}

std::string node_fingerprint(const graph::Manifest& manifest, size_t index, std::string_view content,
                             const ReusePlan& plan, const DataVersions& versions) {
  const graph::Node& node = manifest.nodes[index];
  Md5Digest digest;
  auto field = [&digest](std::string_view name, std::string_view value) {
    // Length-prefixed, so no two different field lists digest the same bytes.
    digest.update(name);
    digest.update(":" + std::to_string(value.size()) + ":");
    digest.update(value);
  };
  field("engine", plan.engine);
  field("kind", graph::kind_name(node.kind));
  field("relation", node.database_schema + "." + node.relation_name);
  field("content", content);
  field("config", node.config.canonical_text());
  // Parents in manifest order: the same for the same project.
  for (size_t p : manifest.parents[index]) {
    field("parent", manifest.nodes[p].unique_id);
    field("version", parent_version(manifest.nodes[p], plan, versions));
  }
  return digest.hex();
}

std::optional<NodeResult> reuse_previous(const graph::Node& node, const std::string& fingerprint,
                                         const std::string& relation, const ReusePlan& plan) {
  if (!plan.enabled) return std::nullopt;
  auto it = plan.previous.find(node.unique_id);
  if (it == plan.previous.end() || it->second.fingerprint != fingerprint) return std::nullopt;
  const state::PreviousBuild& b = it->second;
  NodeResult r;
  r.unique_id = node.unique_id;
  r.status = NodeStatus::Reused;
  r.fingerprint = fingerprint;
  std::string since = "unchanged since run " + b.run_id;
  if (node.kind == graph::NodeKind::Test) {
    if (b.status == "warn") {
      // Warned on the same data: warn again, without running the query.
      r.status = NodeStatus::Warn;
      r.failures = b.failures.value_or(-1);
      std::string message = b.message.substr(0, b.message.find(" (unchanged since run "));
      r.message = message + " (" + since + ")";
      return r;
    }
    // A test reused last time stands for the pass it was reused from.
    if (b.status != "pass" && b.status != "reused") return std::nullopt;
    r.failures = 0;
  } else {
    if (b.status != "success" && b.status != "reused") return std::nullopt;
    if (!relation_is_from(b, relation, plan)) return std::nullopt;
    r.relation = relation;
    r.rows_affected = b.rows_affected.value_or(-1);
    r.row_count = b.row_count.value_or(-1);
  }
  r.message = since;
  return r;
}

}  // namespace mrun::exec
