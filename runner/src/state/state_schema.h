// The run state schema (default `mrun_state`, project.yml `state-schema:`):
// what mrun remembers between runs, in the database it builds into. Runs,
// each node's result and fingerprint, each file's load, and the row count of
// each relation per run (state/run_store.h writes and reads them).
//
// mrun creates and migrates the schema itself. `schema_version` holds the
// version the tables are at; ensure_state_schema() applies the migrations
// after it, in order, each in one transaction under an advisory lock, so two
// mrun processes never migrate at once and a failed migration leaves the
// previous version. A schema newer than this mrun knows is refused (an older
// binary must not write into tables it does not understand).
#pragma once

#include <pqxx/pqxx>
#include <string>

namespace mrun::state {

/// The schema of the run state when project.yml names none.
inline constexpr const char* kDefaultStateSchema = "mrun_state";

/// The version this mrun migrates the state schema to.
int latest_state_schema_version();

/// Creates `schema` and its tables, or migrates them to the latest version.
/// Returns the version found before (0: none). Throws RunError when the
/// schema is newer than this mrun knows.
int ensure_state_schema(pqxx::connection& conn, const std::string& schema);

}  // namespace mrun::state
