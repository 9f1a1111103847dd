#include "task/package_sources.h"

#include <cstdlib>
#include <filesystem>

#include "load/dataset.h"
#include "load/fetch/http_fetch.h"
#include "util/error.h"
#include "util/process.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::task {

namespace {

// Runs a git or tar command; a failure is a RunError naming `what` and the
// command's own message.
std::string run_tool(const std::vector<std::string>& argv, const std::string& what, const std::string& dir = "") {
  ProcessResult r = run_process(argv, dir);
  if (r.exit_code != 0) throw RunError(what + ": " + argv[0] + " " + argv[1] + " failed: " + std::string(trim(r.output)));
  return std::string(trim(r.output));
}

// Copies the folder `from` to `to`, leaving out .git.
void copy_without_git(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const fs::directory_entry& entry : fs::directory_iterator(from)) {
    if (entry.path().filename() == ".git") continue;
    fs::copy(entry.path(), to / entry.path().filename(),
             fs::copy_options::recursive | fs::copy_options::copy_symlinks | fs::copy_options::overwrite_existing);
  }
}

// The dependencies a hub version lists (its `packages`), as specs.
std::vector<project::PackageSpec> hub_dependencies(const nlohmann::json& version, const project::PackageSpec& of) {
  std::vector<project::PackageSpec> out;
  if (!version.contains("packages") || !version["packages"].is_array()) return out;
  for (const nlohmann::json& entry : version["packages"]) {
    if (!entry.is_object() || !entry.contains("package")) continue;
    project::PackageSpec dep;
    dep.package = entry["package"].get<std::string>();
    dep.where = of.where;
    std::vector<nlohmann::json> texts;
    if (entry.contains("version")) {
      if (entry["version"].is_array())
        texts.assign(entry["version"].begin(), entry["version"].end());
      else
        texts.push_back(entry["version"]);
    }
    for (const nlohmann::json& text : texts) {
      if (!text.is_string()) continue;
      if (auto c = project::parse_version_constraint(text.get<std::string>())) dep.version.push_back(*c);
    }
    out.push_back(dep);
  }
  return out;
}

// What the package `spec` in `dir` lists itself (none when it has no packages.yml).
std::vector<project::PackageSpec> own_dependencies(const std::string& dir, const project::PackageSpec& spec) {
  std::optional<project::PackagesFile> file = project::load_packages_file(dir, spec.display());
  return file ? file->packages : std::vector<project::PackageSpec>{};
}

}  // namespace

std::string hub_url() {
  const char* env = std::getenv("MRUN_HUB_URL");
  if (!env || !*env) env = std::getenv("DBT_PACKAGE_HUB_URL");
  std::string url = env && *env ? env : "https://hub.getdbt.com/";
  if (url.back() != '/') url += '/';
  return url;
}

PackageSources::PackageSources(std::string project_dir, std::string work_dir)
    : project_dir_(std::move(project_dir)), work_dir_(std::move(work_dir)) {
  // git must never wait for a password on the terminal: fail instead.
  setenv("GIT_TERMINAL_PROMPT", "0", 0);
}

FetchedPackage PackageSources::fetch(const project::PackageSpec& spec) {
  switch (spec.source) {
    case project::PackageSource::Local: return fetch_local(spec);
    case project::PackageSource::Git: return fetch_git(spec);
    case project::PackageSource::Hub: return fetch_hub(spec);
  }
  throw RunError("unknown package source");
}

FetchedPackage PackageSources::fetch_local(const project::PackageSpec& spec) {
  fs::path dir = fs::path(spec.local).is_absolute() ? fs::path(spec.local) : fs::path(project_dir_) / spec.local;
  if (!fs::is_directory(dir))
    throw ConfigError(spec.where, "local package '" + spec.local + "': no folder " + dir.lexically_normal().string());
  FetchedPackage out{spec, fs::canonical(dir).string(), {}};
  out.pinned.name = project::package_project_name(out.files);
  out.dependencies = own_dependencies(out.files, spec);
  return out;
}

FetchedPackage PackageSources::fetch_git(const project::PackageSpec& spec) {
  std::string what = "package " + spec.git;
  fs::path checkout = fs::path(work_dir_) / ("git-" + std::to_string(++scratch_counter_));
  run_tool({"git", "clone", "--quiet", spec.git, checkout.string()}, what);
  if (!spec.revision.empty()) {
    ProcessResult r = run_process({"git", "-c", "advice.detachedHead=false", "checkout", "--quiet", spec.revision},
                                  checkout.string());
    if (r.exit_code != 0)
      throw ConfigError(spec.where, what + ": no revision '" + spec.revision + "' (a branch, tag or commit): " +
                                        std::string(trim(r.output)));
  }
  FetchedPackage out{spec, checkout.string(), {}};
  out.pinned.revision = run_tool({"git", "rev-parse", "HEAD"}, what, checkout.string());
  if (!spec.subdirectory.empty()) {
    out.files = (checkout / spec.subdirectory).string();
    if (!fs::is_directory(out.files))
      throw ConfigError(spec.where, what + ": no subdirectory '" + spec.subdirectory + "' at revision " +
                                        out.pinned.revision);
  }
  out.pinned.name = project::package_project_name(out.files);
  out.dependencies = own_dependencies(out.files, spec);
  return out;
}

std::string PackageSources::download(const std::string& url, const std::string& file,
                                     const project::PackageSpec& spec) {
  load::FetchOptions options;
  options.cache_dir = work_dir_;
  options.max_attempts = 3;
  options.retry_delay_ms = 500;
  options.progress = false;
  std::string path = (fs::path(work_dir_) / file).string();
  try {
    load::HttpRequest request;
    request.url = url;
    request.display = url;
    return load::download(request, path, options).path;
  } catch (const load::HttpError& e) {
    if (e.status == 404) throw ConfigError(spec.where, "package " + spec.display() + " not found: " + e.what());
    throw RunError("package " + spec.display() + ": " + e.what(), e.transient);
  } catch (const RunError& e) {
    throw RunError("package " + spec.display() + ": " + e.what(), e.transient);
  }
}

const nlohmann::json& PackageSources::hub_index(const project::PackageSpec& spec) {
  std::string key = to_lower(spec.package);
  auto found = hub_indexes_.find(key);
  if (found != hub_indexes_.end()) return found->second;
  std::string url = hub_url() + "api/v1/" + spec.package + ".json";
  std::string path = download(url, "hub-" + replace_all(key, "/", "+") + ".json", spec);
  nlohmann::json index = nlohmann::json::parse(read_file(path), nullptr, false);
  if (index.is_discarded() || !index.contains("versions") || !index["versions"].is_object())
    throw RunError("package " + spec.package + ": " + url + " is not a hub package index (no \"versions\")");
  return hub_indexes_.emplace(key, std::move(index)).first->second;
}

FetchedPackage PackageSources::fetch_hub(const project::PackageSpec& spec) {
  const nlohmann::json& versions = hub_index(spec)["versions"];
  std::vector<project::PackageVersion> available;
  for (const auto& [text, info] : versions.items())
    if (auto v = project::parse_package_version(text)) available.push_back(*v);
  std::optional<project::PackageVersion> best = project::highest_allowed(available, spec.version, spec.install_prerelease);
  if (!best) {
    std::vector<std::string> wanted, have;
    for (const auto& c : spec.version) wanted.push_back(c.text);
    for (const auto& v : available) have.push_back(v.str());
    throw ConfigError(spec.where, "no version of " + spec.package + " satisfies " + join(wanted, ", ") +
                                      " (the hub has " + (have.empty() ? "none" : join(have, ", ")) + ")");
  }
  const nlohmann::json* info = nullptr;
  for (const auto& [text, value] : versions.items())
    if (auto v = project::parse_package_version(text); v && project::compare_versions(*v, *best) == 0) info = &value;
  FetchedPackage out{spec, "", hub_dependencies(*info, spec)};
  out.pinned.version = {*project::parse_version_constraint(best->str())};
  out.pinned.name = info->value("name", split(spec.package, '/').back());
  if (!info->contains("downloads") || !(*info)["downloads"].contains("tarball"))
    throw RunError("package " + spec.package + " " + best->str() + ": the hub names no downloads.tarball");
  out.files = (*info)["downloads"]["tarball"].get<std::string>();
  return out;
}

void PackageSources::install(const FetchedPackage& package, const std::string& install_dir) {
  fs::path to(install_dir);
  fs::create_directories(to.parent_path());
  if (fs::is_symlink(to)) fs::remove(to);
  fs::remove_all(to);
  switch (package.pinned.source) {
    case project::PackageSource::Local: fs::create_directory_symlink(package.files, to); break;
    case project::PackageSource::Git: copy_without_git(package.files, to); break;
    case project::PackageSource::Hub: {
      const project::PackageSpec& spec = package.pinned;
      std::string name = replace_all(to_lower(spec.package), "/", "+") + "-" + spec.version.front().version.str();
      std::string tarball = download(package.files, name + ".tar.gz", spec);
      fs::path unpacked = fs::path(work_dir_) / (name + "-unpacked");
      fs::remove_all(unpacked);
      fs::create_directories(unpacked);
      run_tool({"tar", "-xzf", tarball, "-C", unpacked.string(), "--no-same-owner", "--no-same-permissions"},
               "package " + spec.package);
      // A hub tarball (GitHub's codeload) holds one top folder: the package.
      std::vector<fs::path> top{fs::directory_iterator(unpacked), fs::directory_iterator()};
      fs::path root = top.size() == 1 && fs::is_directory(top[0]) ? top[0] : unpacked;
      copy_without_git(root, to);
      break;
    }
  }
}

}  // namespace mrun::task
