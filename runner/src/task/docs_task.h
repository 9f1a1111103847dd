// `mrun docs generate` and `mrun docs serve`: the project's documentation.
// generate compiles every model and test against the database (as dbt docs
// generate does), writes target/manifest.json with the compiled SQL,
// target/catalog.json read from the database (docs/database_catalog.h), and
// the static site in target/docs/ (docs/docs_site.h) with the run history of
// the run state. serve serves target/docs as it is, regenerating nothing.
#pragma once

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// `mrun docs generate`. Returns the exit code: 0, or 1 when some node
/// did not compile (its page shows no compiled SQL; the rest is written).
/// Throws ConfigError for project errors, RunError when the database
/// cannot be reached.
int generate_docs(ProjectSession& session, const CommonOptions& options);

/// `mrun docs serve`: serves <target>/docs on 127.0.0.1:`port` until
/// interrupted. Throws ConfigError when the site was not generated and
/// RunError when the port is taken.
int serve_docs(ProjectSession& session, int port);

}  // namespace mrun::task
