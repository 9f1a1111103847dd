// Where `mrun deps` gets each package from, and how it puts it into the
// project's packages-install-path:
//   local:    the folder (relative to the root project), installed as a
//             symbolic link to it, as dbt does;
//   git:      `git clone` into a scratch folder and `git checkout REVISION`
//             (the git command line: its credentials, SSH keys and proxies
//             apply); pinned to the commit checked out; installed as a copy
//             of the checkout (or its `subdirectory`) without .git;
//   hub:      the hub's API (`<hub>/api/v1/<org>/<name>.json`: each version
//             and its `downloads.tarball`), the tarball downloaded with
//             libcurl (load/fetch/http_fetch.h) and unpacked with the `tar`
//             command line. The hub is MRUN_HUB_URL, else dbt's
//             DBT_PACKAGE_HUB_URL, else https://hub.getdbt.com/.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "project/packages_file.h"

namespace mrun::task {

/// The hub's base URL (ends with '/'), from the environment as above.
std::string hub_url();

/// A package pinned to one version, ready to install.
struct FetchedPackage {
  project::PackageSpec pinned;  ///< git: revision = the commit; hub: version = exactly one; name = the project's
  std::string files;            ///< local and git: the package's folder; hub: the tarball URL
  std::vector<project::PackageSpec> dependencies;  ///< what the package itself lists
};

/// Fetches packages for one `mrun deps`. Scratch files live in `work_dir`.
class PackageSources {
 public:
  PackageSources(std::string project_dir, std::string work_dir);

  /// Pins `spec` (hub: the highest version that `spec.version` allows) and
  /// reads the package's own dependencies. Throws ConfigError (exit 2) for a
  /// package that does not exist or has no such version or revision,
  /// RunError naming the package when git or the network fails.
  FetchedPackage fetch(const project::PackageSpec& spec);

  /// Puts `package` at `install_dir` (replacing what is there).
  void install(const FetchedPackage& package, const std::string& install_dir);

  /// The hub versions of `package` ("org/name"), from its index (fetched once).
  const nlohmann::json& hub_index(const project::PackageSpec& spec);

 private:
  FetchedPackage fetch_local(const project::PackageSpec& spec);
  FetchedPackage fetch_git(const project::PackageSpec& spec);
  FetchedPackage fetch_hub(const project::PackageSpec& spec);
  std::string download(const std::string& url, const std::string& file, const project::PackageSpec& spec);

  std::string project_dir_;
  std::string work_dir_;
  std::map<std::string, nlohmann::json> hub_indexes_;
  int scratch_counter_ = 0;
};

}  // namespace mrun::task
