// The publish step of `mrun build|run|seed` with `publish: atomic` (README
// "Publishing"): before the run builds, drop what an earlier run left in
// shadow schemas; after it, publish everything it built (exec/publisher.h)
// when it passed, or say where its unpublished relations are.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exec/run_reporter.h"
#include "graph/manifest.h"
#include "load/loader.h"
#include "parse/shadow_relations.h"
#include "project/publish_config.h"
#include "task/dag_task.h"
#include "task/run_record.h"

namespace mrun::task {

/// How `command` publishes: --publish, else `publish:` of project.yml
/// (default atomic); nullopt for the commands that build nothing (test, compile).
std::optional<project::PublishMode> publish_mode_for(DagCommand command, const project::ProjectConfig& project,
                                                     const CommonOptions& options);

/// Drops (on `conn`) the shadow schemas of the schemas `manifest`'s models
/// and seeds build in: what a run that did not publish kept for inspection.
void drop_previous_shadows(pqxx::connection& conn, const graph::Manifest& manifest);

/// Registers the raw tables `staged` by the load as shadows, so that
/// source() reads them during the run.
void record_staged_sources(const load::StagedLoad& staged, parse::ShadowRelations& shadows);

/// Publishes what the run built (`shadows`) and loaded (`staged`, or null) in
/// one transaction, marking `record`'s run published in it. Returns 0, or 1
/// when the publish failed (said on `reporter`: nothing was published).
int publish_run(const std::string& url, const project::PublishConfig& config, RunRecord& record,
                const load::StagedLoad* staged, const parse::ShadowRelations& shadows, exec::RunReporter& reporter);

/// Says that a run that did not pass published nothing, and where what it
/// built waits until the next run (its shadow schemas and staged raw tables).
void report_unpublished(const load::StagedLoad* staged, const parse::ShadowRelations& shadows,
                        exec::RunReporter& reporter);

}  // namespace mrun::task
