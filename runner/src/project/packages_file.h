// The packages a project depends on, as dbt reads them: packages.yml (or
// the `packages:` of dependencies.yml) lists what `mrun deps` installs, and
// package-lock.yml records what it installed (dbt 1.7+ shape):
//
//   packages:                                  # packages.yml
//     - local: ../shared                       # a folder, relative to the project
//     - git: https://example.com/pkg.git       # a git repository
//       revision: v1.2.0                       # branch, tag or commit (default: HEAD)
//       subdirectory: pkg                      # the dbt project inside it
//     - package: dbt-labs/dbt_utils            # the package hub
//       version: [">=1.0.0", "<2.0.0"]
//
// Entries are checked where they are read: an error names file:line:col.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "project/package_version.h"
#include "util/error.h"

namespace mrun::project {

/// Where a package comes from.
enum class PackageSource { Local, Git, Hub };

/// One entry of packages.yml or package-lock.yml.
struct PackageSpec {
  PackageSource source = PackageSource::Hub;
  std::string local;         ///< Local: the folder as written (relative to the project that lists it)
  std::string git;           ///< Git: the repository URL
  std::string revision;      ///< Git: branch, tag or commit; empty: the default branch
  std::string subdirectory;  ///< Git: the dbt project's folder inside the repository
  bool warn_unpinned = true; ///< Git: warn when no revision pins it (`warn-unpinned: false`)
  std::string package;       ///< Hub: "org/name"
  std::vector<VersionConstraint> version;  ///< Hub: every constraint must hold
  bool install_prerelease = false;         ///< Hub: `install-prerelease: true`
  std::string name;          ///< package-lock.yml: the installed project's name
  SourceLocation where;      ///< the entry in its file
  std::string canonical;     ///< the entry as json.dumps(sort_keys=True) writes it (package-lock.yml's sha1_hash)

  /// What identifies the package when several files list it: the hub name
  /// (lower case), the git URL without ".git", or the local folder.
  std::string key() const;
  /// How messages name it: "dbt-labs/dbt_utils", the git URL, the folder.
  std::string display() const;
  /// What it is pinned to: the key with the revision or first version.
  std::string canonical_pin() const;
};

/// A packages.yml, dependencies.yml or package-lock.yml.
struct PackagesFile {
  std::string path;                   ///< the file read
  std::vector<PackageSpec> packages;
  std::string sha1_hash;              ///< package-lock.yml only: the hash of the packages.yml it came from
  std::vector<std::string> warnings;  ///< with file:line:col (unknown keys, dbt Mesh `projects:`)
};

/// The packages `dir` lists: packages.yml, else the `packages:` of
/// dependencies.yml; nullopt when it has neither. Messages name the files
/// as "packages.yml", or "<shown_as>/packages.yml" (an installed package's).
/// Throws ConfigError for a malformed file or entry, and when both files
/// list packages.
std::optional<PackagesFile> load_packages_file(const std::string& dir, const std::string& shown_as = "");

/// `dir`/package-lock.yml; nullopt when absent. Throws ConfigError when malformed.
std::optional<PackagesFile> load_package_lock(const std::string& dir);

/// The lock's sha1_hash of `packages` (the entries of packages.yml): SHA-1 of
/// their canonical JSON texts, sorted and joined by newlines, as dbt computes it.
std::string packages_sha1(const std::vector<PackageSpec>& packages);

/// package-lock.yml's text for `resolved` (git revisions as commits, hub
/// versions exact, each with its installed `name`) and `sha1_hash`.
std::string package_lock_text(const std::vector<PackageSpec>& resolved, const std::string& sha1_hash);

/// The `name:` of the dbt project in `dir` (its dbt_project.yml or
/// project.yml). Throws ConfigError when there is none.
std::string package_project_name(const std::string& dir);

}  // namespace mrun::project
