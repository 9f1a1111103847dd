// `mrun clean`: removes the folders of `clean-targets:` in dbt_project.yml
// (default: target-path and packages-install-path), as dbt clean does. A
// target outside the project (or the project itself) is refused.
#pragma once

#include "task/project_session.h"

namespace mrun::task {

/// Removes the clean targets; returns the exit code (0). Throws ConfigError
/// (exit 2) naming a target outside the project, before removing anything.
int run_clean_task(ProjectSession& session);

}  // namespace mrun::task
