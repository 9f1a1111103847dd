// `mrun init NAME`: a starter project in a new folder NAME (under the
// working directory), as dbt init makes one: dbt_project.yml, two example
// models with their tests under models/example, and empty macros/, seeds/,
// tests/ and analyses/ folders; then a hint on where the database comes
// from (MRUN_DATABASE_URL, profiles.yml, else the embedded PostgreSQL).
#pragma once

#include <string>

namespace mrun::task {

/// Creates the project; returns the exit code (0). Throws ConfigError
/// (exit 2) for a name that is not a dbt project name (letters, digits and
/// underscores, not starting with a digit) or a folder that already exists.
int run_init_task(const std::string& name);

}  // namespace mrun::task
