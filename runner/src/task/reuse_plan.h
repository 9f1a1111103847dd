// What a run may reuse (exec/reuse.h), from the run state: every node's last
// result, the relations as they are now, and the data version of each
// source the selection reads.
#pragma once

#include <pqxx/pqxx>
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
exec::ReusePlan plan_reuse(RunRecord& record, const parse::ParsedProject& parsed, pqxx::connection& conn,
                           bool enabled);

}  // namespace mrun::task
