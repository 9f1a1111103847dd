#include "task/list_task.h"

#include <iostream>

#include "artifacts/node_listing.h"
#include "db/quote.h"
#include "graph/selector.h"
#include "parse/shadow_relations.h"
#include "task/prepared_project.h"
#include "util/error.h"

namespace mrun::task {

int list_nodes(ProjectSession& session, const CommonOptions& options, const std::string& output,
               const std::vector<std::string>& resource_types) {
  PreparedProject& p = prepare_project(session, options, false);
  graph::SelectOptions select_options;
  select_options.resource_types = graph::parse_resource_types(resource_types);
  auto selected = graph::select_nodes(p.parsed.manifest, options.select, options.exclude, select_options);
  artifacts::ListOptions list_options;
  list_options.format = artifacts::parse_list_format(output);
  for (const auto& line : artifacts::list_nodes(p.parsed.manifest, selected, list_options)) std::cout << line << "\n";
  return kExitOk;
}

std::string relation_of_node(ProjectSession& session, const CommonOptions& options, const std::string& name,
                             bool unpublished) {
  PreparedProject& p = prepare_project(session, options, false);
  for (const auto& node : p.parsed.manifest.nodes) {
    if (node.name != name || node.kind == graph::NodeKind::Test) continue;
    if (!unpublished) return db::qualified_name(node.database_schema, node.relation_name);
    if (node.kind == graph::NodeKind::Source)
      throw ConfigError("source table '" + name + "': a load that was not published left it as " +
                        node.database_schema + "." + node.relation_name +
                        "__new_<load> (query it with psql); --unpublished shows models and seeds");
    return db::qualified_name(parse::shadow_schema(node.database_schema), node.relation_name);
  }
  throw ConfigError("no model, seed or source table named '" + name + "'");
}

}  // namespace mrun::task
