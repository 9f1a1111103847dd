// `mrun history`: what the recent runs of the project did, from the run
// state (state/run_history.h): per run its command, status, exit code, time
// and node counts; per selected node (models, seeds and sources by default;
// anything -s names) its last status, rows and time, and its row count
// across the runs (a trend). Text, or one JSON document with --output json.
#pragma once

#include <string>

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// Prints the history of the `runs` most recent runs; `output` is "text" or
/// "json". Returns the exit code (0; 2 for a bad --runs).
int show_history(ProjectSession& session, const CommonOptions& options, int runs, const std::string& output);

/// The values of `counts` (oldest first; nullopt: no count that run) as a
/// sparkline of Unicode blocks, a space where a run has none.
std::string sparkline(const std::vector<std::optional<long long>>& counts);

}  // namespace mrun::task
