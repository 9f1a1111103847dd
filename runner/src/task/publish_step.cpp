#include "task/publish_step.h"

#include <cstdio>
#include <set>

#include "exec/publisher.h"
#include "util/error.h"

namespace mrun::task {

namespace {

// "3 relations" / "1 relation".
std::string count_of(size_t n, const std::string& what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

}  // namespace

std::optional<project::PublishMode> publish_mode_for(DagCommand command, const project::ProjectConfig& project,
                                                     const CommonOptions& options) {
  if (command != DagCommand::Build && command != DagCommand::Run && command != DagCommand::Seed &&
      command != DagCommand::Snapshot)
    return std::nullopt;
  if (!options.publish.empty()) return project::publish_mode_of(options.publish, SourceLocation{"--publish"});
  return project.publish.mode;
}

void drop_previous_shadows(pqxx::connection& conn, const graph::Manifest& manifest) {
  std::set<std::string> schemas;
  for (const graph::Node& node : manifest.nodes)
    if (graph::is_refable(node.kind) && !node.database_schema.empty())
      schemas.insert(node.database_schema);
  exec::drop_shadow_schemas(conn, {schemas.begin(), schemas.end()});
}

void record_staged_sources(const load::StagedLoad& staged, parse::ShadowRelations& shadows) {
  for (size_t i = 0; i < staged.tables.size(); ++i) {
    const load::TableSpec& t = staged.tables[i];
    shadows.record({parse::Relation{t.schema, t.identifier},
                    parse::Relation{t.schema, staged.new_tables(i).staged_identifier()}, false, true});
  }
}

int publish_run(const std::string& url, const project::PublishConfig& config, RunRecord& record,
                const load::StagedLoad* staged, const parse::ShadowRelations& shadows, exec::RunReporter& reporter) {
  exec::PublishRequest request;
  request.url = url;
  request.raw = staged && !staged->tables.empty() ? staged : nullptr;
  for (const parse::ShadowRelation& entry : shadows.entries())
    if (!entry.raw_load) request.built.push_back(entry);
  request.also_in_transaction.push_back(
      record.with_store([&](state::RunStore& store) { return store.mark_published_sql(record.run_id()); }));
  request.lock_timeout_seconds = config.lock_timeout_seconds;
  request.attempts = config.attempts;
  request.on_retry = [&reporter](const std::string& text) {
    reporter.note("warning", text);
    reporter.flush();
  };
  exec::PublishOutcome outcome = exec::publish_relations(request);
  for (const std::string& w : outcome.warnings) reporter.note("warning", w);
  size_t raw = request.raw ? request.raw->tables.size() : 0;
  if (!outcome.published) {
    reporter.note("error", "publish failed, nothing was published (readers still see the previous run): " +
                               outcome.error);
    report_unpublished(staged, shadows, reporter);
    return kExitFailed;
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", outcome.seconds);
  reporter.note("info", "published " + count_of(request.built.size(), "relation") + " and " +
                            count_of(raw, "raw table") + " in one transaction (" + seconds + " s)");
  return kExitOk;
}

void report_unpublished(const load::StagedLoad* staged, const parse::ShadowRelations& shadows,
                        exec::RunReporter& reporter) {
  std::set<std::string> schemas;
  size_t built = 0;
  for (const parse::ShadowRelation& entry : shadows.entries()) {
    if (entry.raw_load) continue;
    schemas.insert(entry.shadow.schema);
    ++built;
  }
  std::string where;
  for (const std::string& s : schemas) where += (where.empty() ? "" : ", ") + s;
  std::string text = "nothing published: readers still see the previous run";
  if (built > 0)
    text += "; the " + count_of(built, "relation") + " this run built stay for inspection until the next run in " +
            where + " (e.g. select * from " + shadows.entries().back().shadow.schema + "." +
            shadows.entries().back().shadow.identifier + ")";
  if (staged && !staged->tables.empty())
    text += "; its raw tables stay as " + staged->new_tables(0).staged_table() + " and the like";
  reporter.note("warning", text);
}

}  // namespace mrun::task
