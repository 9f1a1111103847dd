#include "task/deps_task.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <unistd.h>

#include "task/package_sources.h"
#include "util/error.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::task {

namespace {

// One package while the lists are merged: what every list asked of it.
struct Requirement {
  project::PackageSpec spec;         ///< the merged spec (hub: every constraint)
  std::vector<std::string> origins;  ///< who asked for it, for errors
  std::optional<FetchedPackage> fetched;
};

std::string origin_of(const project::PackageSpec& spec, const std::string& required_by) {
  return required_by.empty() ? spec.where.str() : "required by " + required_by;
}

// Adds what `spec` asks of its package to `merged`; true when that changes
// the package's pin (it must be fetched again). Two git revisions, or two
// local folders for one name, are an error naming both.
bool incorporate(Requirement& merged, const project::PackageSpec& spec, const std::string& origin) {
  project::PackageSpec& have = merged.spec;
  merged.origins.push_back(origin);
  if (spec.source == project::PackageSource::Hub) {
    size_t before = have.version.size();
    for (const auto& c : spec.version)
      if (std::none_of(have.version.begin(), have.version.end(), [&c](const auto& h) { return h.text == c.text; }))
        have.version.push_back(c);
    have.install_prerelease = have.install_prerelease || spec.install_prerelease;
    return have.version.size() != before;
  }
  if (spec.source == project::PackageSource::Git && spec.revision != have.revision) {
    if (have.revision.empty() || spec.revision.empty()) {
      if (have.revision.empty()) have.revision = spec.revision;
      return !spec.revision.empty();
    }
    throw ConfigError("git package " + spec.git + " is asked for at two revisions: '" + have.revision + "' (" +
                      merged.origins.front() + ") and '" + spec.revision + "' (" + origin + ")");
  }
  if (spec.source == project::PackageSource::Git && spec.subdirectory != have.subdirectory)
    throw ConfigError("git package " + spec.git + " is asked for with two subdirectories: '" + have.subdirectory +
                      "' (" + merged.origins.front() + ") and '" + spec.subdirectory + "' (" + origin + ")");
  return false;
}

// Fetches `r`; a hub version that no list allows names every list.
void fetch_requirement(PackageSources& sources, Requirement& r) {
  try {
    r.fetched = sources.fetch(r.spec);
  } catch (const ConfigError& e) {
    if (r.origins.size() < 2 || r.spec.source != project::PackageSource::Hub) throw;
    throw ConfigError(std::string(e.what()) + "; asked for by " + join(r.origins, " and "));
  }
}

// Pins every package `roots` lists and (with `transitive`) everything they
// list in turn, in the order first met.
std::vector<FetchedPackage> resolve(PackageSources& sources, const std::vector<project::PackageSpec>& roots,
                                    bool transitive) {
  std::map<std::string, Requirement> by_key;
  std::vector<std::string> order;
  std::vector<std::pair<project::PackageSpec, std::string>> pending;  // spec, required by
  for (const auto& spec : roots) pending.emplace_back(spec, "");
  while (!pending.empty()) {
    std::vector<std::pair<project::PackageSpec, std::string>> next;
    for (const auto& [spec, required_by] : pending) {
      std::string key = spec.key();
      auto found = by_key.find(key);
      bool refetch = true;
      if (found == by_key.end()) {
        found = by_key.emplace(key, Requirement{spec, {origin_of(spec, required_by)}, std::nullopt}).first;
        order.push_back(key);
      } else {
        refetch = incorporate(found->second, spec, origin_of(spec, required_by));
      }
      if (!refetch && found->second.fetched) continue;
      std::optional<std::string> pinned_before;
      if (found->second.fetched) pinned_before = found->second.fetched->pinned.canonical_pin();
      fetch_requirement(sources, found->second);
      // Packages that list each other: a pin that did not move adds nothing new.
      if (!transitive || pinned_before == found->second.fetched->pinned.canonical_pin()) continue;
      for (const auto& dep : found->second.fetched->dependencies)
        next.emplace_back(dep, found->second.fetched->pinned.display());
    }
    pending = std::move(next);
  }
  std::vector<FetchedPackage> out;
  for (const auto& key : order) out.push_back(*by_key.at(key).fetched);
  return out;
}

// A scratch folder for one `mrun deps`, removed at its end.
struct ScratchFolder {
  fs::path path;
  ScratchFolder() {
    path = fs::temp_directory_path() / ("mrun-deps-" + std::to_string(getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string pin_text(const project::PackageSpec& p) {
  switch (p.source) {
    case project::PackageSource::Local: return "local folder";
    case project::PackageSource::Git: return "revision " + p.revision;
    case project::PackageSource::Hub: return "version " + p.version.front().version.str();
  }
  return "";
}

}  // namespace

int run_deps_task(ProjectSession& session, bool upgrade) {
  const project::ProjectConfig& config = session.project();
  std::optional<project::PackagesFile> packages = project::load_packages_file(config.root_dir);
  if (!packages || packages->packages.empty()) {
    std::cout << "No packages to install (no packages.yml or dependencies.yml with packages:)\n";
    return kExitOk;
  }
  for (const auto& w : packages->warnings) std::cerr << "warning: " << w << "\n";
  for (const auto& p : packages->packages)
    if (p.source == project::PackageSource::Git && p.revision.empty() && p.warn_unpinned)
      std::cerr << "warning: " << p.where.str() << ": git package " << p.git
                << " is not pinned to a revision: its default branch is installed (add revision:, or "
                   "warn-unpinned: false)\n";

  std::string hash = project::packages_sha1(packages->packages);
  std::optional<project::PackagesFile> lock = project::load_package_lock(config.root_dir);
  bool use_lock = !upgrade && lock && lock->sha1_hash == hash;
  if (lock && !use_lock)
    std::cout << (upgrade ? "Resolving again (--upgrade)" : "packages.yml changed since package-lock.yml: resolving again")
              << "\n";

  ScratchFolder scratch;
  PackageSources sources(config.root_dir, scratch.path.string());
  std::vector<FetchedPackage> resolved =
      use_lock ? resolve(sources, lock->packages, false) : resolve(sources, packages->packages, true);

  fs::path install_root = fs::path(config.root_dir) / config.packages_install_path;
  std::vector<project::PackageSpec> pinned;
  for (const FetchedPackage& package : resolved) {
    std::cout << "Installing " << package.pinned.display() << "\n";
    sources.install(package, (install_root / package.pinned.name).string());
    std::cout << "  Installed " << package.pinned.name << " from " << pin_text(package.pinned) << "\n";
    pinned.push_back(package.pinned);
  }
  if (!use_lock) {
    write_file_atomic((fs::path(config.root_dir) / "package-lock.yml").string(),
                      project::package_lock_text(pinned, hash));
    std::cout << "Wrote package-lock.yml\n";
  } else {
    std::cout << "Installed from package-lock.yml (mrun deps --upgrade resolves again)\n";
  }
  return kExitOk;
}

}  // namespace mrun::task
