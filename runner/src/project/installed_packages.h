// The packages a project uses, as `mrun deps` installed them: every folder
// under packages-install-path (dbt_packages/) that holds a dbt_project.yml is
// loaded, as dbt does (its project file, and its files found as a project's
// are). Installing them is `mrun deps`' part; this only reads.
#pragma once

#include <string>
#include <vector>

#include "project/config_value.h"
#include "project/discovery.h"
#include "project/project_config.h"

namespace mrun::project {

/// One installed package.
struct InstalledPackage {
  ProjectConfig config;  ///< its dbt_project.yml (root_dir: the package's folder)
  /// Its files; project_path of each is relative to the root project
  /// ("dbt_packages/dbt_utils/macros/sql/star.sql"), so errors name a file the user can open.
  ProjectFiles files;
};

/// The packages installed for `root`, sorted by name. Throws ConfigError
/// (exit 2) when packages.yml (or dependencies.yml) lists more packages than
/// are installed, saying to run `mrun deps`; when an installed package's
/// project file is malformed; or when two packages (or a package and the
/// root project) share a name.
std::vector<InstalledPackage> load_installed_packages(const ProjectConfig& root);

/// The vars that nodes of `package` see (nullptr: the root project's), scoped
/// as dbt scopes them, each later layer winning: the package's own vars, its
/// own `vars: {<package>: {...}}` block, then the root's vars, then the root's
/// block for the package.
ConfigValue vars_for_package(const ProjectConfig& root, const ProjectConfig* package);

}  // namespace mrun::project
