// The load of raw files into the source tables (load/loader.h) as a task:
// `mrun load`, and the load step of `mrun build`. The tables come from the
// parsed project (load/table_spec.h); the dataset from the dataset_uri var.
// Every function here expects the caller to hold the run lock.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "load/loader.h"
#include "load/table_spec.h"
#include "parse/project_parser.h"
#include "task/options.h"
#include "task/project_session.h"
#include "task/run_record.h"

namespace mrun::task {

/// What the load of a `publish: atomic` build staged: the tables its publish
/// swaps in (task/publish_step.h), and the data version of each
/// (task/reuse_plan.h), which the run's fingerprints use before the publish.
struct StagedSources {
  load::StagedLoad load;
  std::map<std::string, std::string> versions;  ///< by relation ("schema"."table")
};

/// Loads `tables` from the dataset_uri var: 0 when the load was committed
/// (or nothing needed loading), 1 otherwise (what failed is printed);
/// SIGINT/SIGTERM cancel it. Throws ConfigError for project errors and when
/// `tables` is empty.
///
/// A file whose content is that of the load behind its raw table (the same
/// content fingerprint, or for a plain file the same size, modification time
/// and inode as then), loaded with the same settings by the same mrun version,
/// into a table that is still that load's, is not loaded again: `load
/// ratings.csv: unchanged since load <id>, skipped`. --no-skip and
/// --full-refresh load everything. Each file's outcome goes into `record`.
///
/// `staged`: the load is not published but staged (load::LoadOptions::publish
/// false) and what it staged goes there; 0 then means every file loaded.
int run_load_task(ProjectSession& session, const CommonOptions& options, const std::vector<load::TableSpec>& tables,
                  RunRecord& record, StagedSources* staged = nullptr);

/// `mrun load`: parses the project and loads every source table whose meta
/// names a file, as a run of its own in the run state. Takes the run lock.
int load_project_sources(ProjectSession& session, const CommonOptions& options);

/// The load step of `mrun build`: every loadable source table, or with
/// --select only the source tables the selection names; 0 when there is
/// nothing to load.
int load_selected_sources(ProjectSession& session, const CommonOptions& options, const parse::ParsedProject& parsed,
                          RunRecord& record, StagedSources* staged = nullptr);

/// Drops what loads that failed or died left staged in the schemas of
/// `tables`, the project's loadable sources (load/copy/load_sql.h).
void drop_unpublished_loads(ProjectSession& session, const std::vector<load::TableSpec>& tables);

}  // namespace mrun::task
