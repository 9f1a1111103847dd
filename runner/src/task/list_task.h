// `mrun ls`: the parsed project's nodes, which needs no database.
#pragma once

#include <string>
#include <vector>

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// `mrun ls`: prints the selected nodes (text or --output json); returns the exit code.
int list_nodes(ProjectSession& session, const CommonOptions& options, const std::string& output,
               const std::vector<std::string>& resource_types);

}  // namespace mrun::task
