#include "task/clean_task.h"

#include <filesystem>
#include <iostream>

#include "util/error.h"

namespace fs = std::filesystem;

namespace mrun::task {

int run_clean_task(ProjectSession& session) {
  const project::ProjectConfig& config = session.project();
  std::vector<std::string> targets = config.clean_targets;
  if (targets.empty()) targets = {config.target_path, config.packages_install_path};
  fs::path root(config.root_dir);
  std::vector<fs::path> paths;
  for (const std::string& target : targets) {
    fs::path path = fs::weakly_canonical(root / target);
    fs::path inside = path.lexically_relative(root);
    if (inside.empty() || inside == "." || *inside.begin() == "..")
      throw ConfigError(config.file + ": clean-targets: '" + target +
                        "' is not inside the project folder; mrun clean removes only folders inside it");
    paths.push_back(root / target);
  }
  for (const fs::path& path : paths) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path))) {
      std::cout << "Nothing to clean at " << path.lexically_relative(root).string() << "\n";
      continue;
    }
    fs::remove_all(path, ec);  // a symbolic link is removed, not followed
    if (ec) throw RunError("cannot remove " + path.string() + ": " + ec.message());
    std::cout << "Cleaned " << path.lexically_relative(root).string() << "/\n";
  }
  return kExitOk;
}

}  // namespace mrun::task
