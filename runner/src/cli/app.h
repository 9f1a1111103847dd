// The command tree (README.md, "Commands"). Each command lives in its own
// <name>_command.cpp (the DAG commands in dag_commands.cpp) and registers
// itself through its register_*_command() of cli/commands.h, called by run().
#pragma once

namespace mrun::cli {

/// Parses argv, runs the chosen command and returns the process exit code:
/// 0 success, 1 failed work, 2 usage or configuration error.
int run(int argc, char** argv);

}  // namespace mrun::cli
