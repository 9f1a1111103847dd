// `mrun deps [--upgrade]`: installs the packages of packages.yml (or
// dependencies.yml) into packages-install-path (default dbt_packages/), as
// dbt deps does:
//   - each package's own packages.yml is resolved too (transitively); a hub
//     package listed several times gets the highest version every list
//     allows, a git package must name one revision; a conflict is an error
//     that names both sides;
//   - package-lock.yml records what was installed (git commits, exact hub
//     versions, and the sha1_hash of the packages.yml entries); while
//     packages.yml is unchanged the next `mrun deps` installs exactly the
//     lock; `--upgrade` resolves again.
// task/package_sources.h fetches and installs one package.
#pragma once

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// Runs `mrun deps`; returns the exit code (0; errors are thrown: ConfigError
/// 2 for packages.yml and version problems, RunError 1 or 3 for git and the network).
int run_deps_task(ProjectSession& session, bool upgrade);

}  // namespace mrun::task
