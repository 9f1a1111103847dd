// `mrun ls` and the name lookup of `mrun show`: questions about the parsed
// project that need no database.
#pragma once

#include <string>
#include <vector>

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// `mrun ls`: prints the selected nodes (text or --output json); returns the exit code.
int list_nodes(ProjectSession& session, const CommonOptions& options, const std::string& output,
               const std::vector<std::string>& resource_types);

/// The quoted relation ("schema"."name") that model, seed or source table
/// `name` builds or reads; `unpublished`: the shadow a run that did not
/// publish left of a model or seed (parse/shadow_relations.h). Throws
/// ConfigError when no node has that name.
std::string relation_of_node(ProjectSession& session, const CommonOptions& options, const std::string& name,
                             bool unpublished = false);

}  // namespace mrun::task
