// `mrun parse`: parses the project without a database (files, macros,
// schema files, the graph), writes target/manifest.json and prints how long
// the parse took and how many nodes of each kind it found, as dbt parse does.
#pragma once

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// Parses and writes the manifest; returns the exit code (0). Project errors
/// throw ConfigError (exit 2).
int run_parse_task(ProjectSession& session, const CommonOptions& options);

}  // namespace mrun::task
