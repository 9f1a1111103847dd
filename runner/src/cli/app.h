// The command tree (DESIGN.md §1). Each command lives in its own
// <name>_command.cpp and registers itself through register_commands().
#pragma once

namespace mrun::cli {

/// Parses argv, runs the chosen command and returns the process exit code:
/// 0 success, 1 failed work, 2 usage or configuration error.
int run(int argc, char** argv);

}  // namespace mrun::cli
