// What a run may reuse (exec/reuse.h), from the run state: every node's last
// result, the relations as they are now, and the data version of each
// source the selection reads.
#pragma once

#include <pqxx/pqxx>
#include <map>
#include <string>

#include "exec/reuse.h"
#include "parse/project_parser.h"
#include "task/run_record.h"

namespace mrun::task {

/// The plan of run `record` (its id is the version of a source nobody can
/// vouch for). A source loaded by mrun has the content and settings of the
/// load behind its table, while the table is that load's; another source
/// the newest value of its `loaded_at_field` config, read on `conn`; any
/// other a version of its own for this run. `enabled` false: nothing is
/// reused, fingerprints are still computed.
/// `staged_versions`: the data versions of the raw tables this run's load
/// staged and has not published yet (by relation), which win.
exec::ReusePlan plan_reuse(RunRecord& record, const parse::ParsedProject& parsed, pqxx::connection& conn,
                           bool enabled, const std::map<std::string, std::string>& staged_versions = {});
/// The same from `store`, for `run_id` (docs generate: which built views
/// hold their model's current SQL, task/current_views.h).
exec::ReusePlan plan_reuse(const std::string& run_id, state::RunStore& store, const parse::ParsedProject& parsed,
                           pqxx::connection& conn, bool enabled,
                           const std::map<std::string, std::string>& staged_versions = {});

/// The data version of a raw table loaded from content `content_fingerprint`
/// with loader settings `spec_fingerprint`.
std::string loaded_source_version(const std::string& content_fingerprint, const std::string& spec_fingerprint);

}  // namespace mrun::task
