// `mrun run-operation MACRO [--args '{k: v}']`: calls one macro with the
// dbt context in its Execute phase on one connection, as dbt's
// run-operation does: its statements and run_query() run in one
// transaction, committed when the macro returns (rolled back when it
// fails); what it log()s with info=True is printed.
#pragma once

#include <string>

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// What to run.
struct RunOperationRequest {
  std::string macro;  ///< a macro name, or package.macro
  std::string args;   ///< --args: a YAML mapping of keyword arguments ("" for none)
};

/// Runs the operation while holding the project's run lock; returns 0.
/// Throws ConfigError (exit 2) for an unknown macro, --args that is not a
/// mapping, or a template error; RunError (exit 1, 3 when the connection
/// failed) when one of its queries fails.
int run_operation(ProjectSession& session, const CommonOptions& options, const RunOperationRequest& request);

}  // namespace mrun::task
