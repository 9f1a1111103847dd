// Flags shared by several commands, filled in by CLI11 before a command runs.
#pragma once

#include <string>
#include <vector>

namespace mrun::task {

/// The dbt-style common flags.
struct CommonOptions {
  std::string project_dir = ".";   ///< --project-dir
  std::string profiles_dir;        ///< --profiles-dir (default: project dir, then ~/.mrun)
  std::string target;              ///< --target/-t
  std::string vars;                ///< --vars '{k: v}' (YAML mapping)
  std::string dataset_uri;         ///< `mrun load URI`, `mrun build --dataset URI`: the dataset_uri var, over --vars
  std::vector<std::string> select; ///< --select/-s
  std::vector<std::string> exclude;///< --exclude
  int threads = 0;                 ///< --threads (0: from the profile, else 4)
  bool full_refresh = false;       ///< --full-refresh (also: nothing is reused)
  bool no_skip = false;            ///< --no-skip: load every file and run every node, changed or not
  bool fail_fast = false;          ///< --fail-fast
  std::string publish;             ///< --publish atomic|per_node (build, run, seed; empty: project.yml's `publish:`)
  bool quiet = false;              ///< -q/--quiet: print only errors and failures
  bool warn_error = false;         ///< --warn-error: a test warning fails the run (exit 1)
  std::string log_format = "text"; ///< --log-format text|json
  bool use_colors = true;          ///< --use-colors / --no-use-colors (also off when NO_COLOR is set)
  std::vector<std::string> passthrough;  ///< arguments after `pg psql`, for psql
};

}  // namespace mrun::task
