#include "task/prepared_project.h"

#include <chrono>
#include <filesystem>
#include <iostream>

#include "artifacts/artifact_metadata.h"
#include "project/discovery.h"
#include "project/installed_packages.h"
#include "util/private_files.h"

namespace mrun::task {

std::string target_dir(const project::ProjectConfig& config) {
  return (std::filesystem::path(config.root_dir) / config.target_path).string();
}

PreparedProject& prepare_project(ProjectSession& session, const CommonOptions& options, bool start_database) {
  const auto& config = session.project();
  parse::RunSettings settings;
  settings.target = session.target(start_database);
  settings.full_refresh = options.full_refresh;
  settings.invocation_id = artifacts::new_invocation_id();
  settings.started_at = std::chrono::system_clock::now();
  make_private_directory(target_dir(config));
  PreparedProject& p = *new PreparedProject;
  p.context = std::make_unique<parse::DbtContext>(config, settings);
  auto files = project::discover_files(config);
  p.packages = project::load_installed_packages(config);
  p.context->load_macros(files.macros, files.docs_files, p.packages);
  p.parsed = parse::parse_project(config, files, *p.context, p.packages);
  for (const auto& w : p.parsed.warnings) std::cerr << "warning: " << w << "\n";
  return p;
}

}  // namespace mrun::task
