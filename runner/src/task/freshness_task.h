// `mrun source freshness [-s source:NAME]`: for each source table with a
// freshness rule (project/source_freshness.h), how old its newest data is:
//   - with a loaded_at_field: `select max(<loaded_at_field>)` from the
//     table (where `filter`, when given), against the database's now();
//   - without one, for a table mrun loads itself (meta names a file):
//     when mrun last loaded new rows into it (the run state's loads);
//   - otherwise a runtime error that says a loaded_at_field is needed.
// Prints pass, warn or error per table with the age, writes
// target/sources.json (artifacts/sources_json.h); exit 1 when any table is
// in error (or warns, with --warn-error), as dbt source freshness does.
#pragma once

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// Checks the selected sources' freshness; returns the exit code.
int run_freshness_task(ProjectSession& session, const CommonOptions& options);

}  // namespace mrun::task
