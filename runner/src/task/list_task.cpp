#include "task/list_task.h"

#include <iostream>

#include "artifacts/node_listing.h"
#include "graph/selector.h"
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

}  // namespace mrun::task
