// Running helper programs (initdb, pg_ctl, psql) without a shell.
#pragma once

#include <string>
#include <vector>

namespace mrun {

/// What a finished child process left behind.
struct ProcessResult {
  int exit_code = -1;   ///< exit status, or 128+signal when killed
  std::string output;   ///< stdout and stderr, interleaved
};

/// Runs argv[0] (searched in PATH) with its arguments, waits, and returns its
/// exit code and output. Runs in `working_dir` when not empty. Throws
/// RunError when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& working_dir = "");

/// Replaces the current process with argv (for `mrun pg psql`). Returns only
/// on failure, by throwing RunError.
[[noreturn]] void exec_process(const std::vector<std::string>& argv);

/// True when `program` names an executable file, either as a path or in PATH.
bool program_exists(const std::string& program);

}  // namespace mrun
