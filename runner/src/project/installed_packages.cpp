#include "project/installed_packages.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "project/yaml_file.h"
#include "util/error.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::project {

namespace {

// The packages packages.yml (else dependencies.yml) lists: how many, and the file.
struct ListedPackages {
  std::string file;
  size_t count = 0;
};

ListedPackages listed_packages(const ProjectConfig& root) {
  for (const char* name : {"packages.yml", "dependencies.yml"}) {
    fs::path path = fs::path(root.root_dir) / name;
    if (!fs::exists(path)) continue;
    YamlFile f = load_yaml_file(path.string());
    if (f.root.IsNull()) return {name, 0};
    expect_map(f, f.root, name);
    expect_sequence(f, f.root["packages"], "packages");
    return {name, f.root["packages"] ? f.root["packages"].size() : 0};
  }
  return {};
}

// `files` with each project_path made relative to the root project.
void shown_from_root(ProjectFiles& files, const std::string& prefix) {
  for (auto* list : {&files.models, &files.schema_files, &files.seed_schema_files, &files.docs_files, &files.macros,
                     &files.seeds, &files.singular_tests}) {
    for (auto& f : *list) f.project_path = prefix + f.project_path;
  }
}

// `vars` with the entries of the map `layer` set over it.
ConfigValue overlay(ConfigValue vars, const ConfigValue* layer) {
  if (!layer || !layer->is_map()) return vars;
  for (const auto& [key, value] : layer->entries()) vars = vars.with(key, value);
  return vars;
}

}  // namespace

std::vector<InstalledPackage> load_installed_packages(const ProjectConfig& root) {
  fs::path install_dir = fs::path(root.root_dir) / root.packages_install_path;
  std::vector<InstalledPackage> packages;
  std::error_code ec;
  if (fs::is_directory(install_dir, ec)) {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(install_dir, ec)) {
      if (entry.path().filename().string().starts_with(".")) continue;
      if (fs::exists(entry.path() / "dbt_project.yml") || fs::exists(entry.path() / "project.yml"))
        folders.push_back(entry.path());
    }
    std::sort(folders.begin(), folders.end());
    std::map<std::string, std::string> folder_of;  // package name -> its folder
    folder_of[root.name] = root.root_dir;
    for (const auto& folder : folders) {
      InstalledPackage package;
      package.config = load_project_config(folder.string());
      auto [it, added] = folder_of.emplace(package.config.name, folder.string());
      if (!added) {
        throw ConfigError(package.config.file + ": package '" + package.config.name + "' is also installed at " +
                          it->second + " (two packages of one name)");
      }
      package.files = discover_files(package.config);
      shown_from_root(package.files, (fs::path(root.packages_install_path) / folder.filename()).string() + "/");
      packages.push_back(std::move(package));
    }
  }
  std::sort(packages.begin(), packages.end(),
            [](const InstalledPackage& a, const InstalledPackage& b) { return a.config.name < b.config.name; });
  ListedPackages listed = listed_packages(root);
  if (packages.size() < listed.count) {
    std::vector<std::string> names;
    for (const auto& p : packages) names.push_back(p.config.name);
    std::string installed = names.empty() ? "none" : "only " + std::to_string(names.size()) + " (" + join(names, ", ") + ")";
    throw ConfigError(root.root_dir + "/" + listed.file + ": lists " + std::to_string(listed.count) + " package(s), but " +
                      root.packages_install_path + "/ holds " + installed + ": run `mrun deps` to install them");
  }
  return packages;
}

ConfigValue vars_for_package(const ProjectConfig& root, const ProjectConfig* package) {
  ConfigValue vars = ConfigValue::map({});
  const std::string& name = package ? package->name : root.name;
  if (package) {
    vars = overlay(vars, &package->vars);
    vars = overlay(vars, package->vars.find(name));
  }
  vars = overlay(vars, &root.vars);
  return overlay(vars, root.vars.find(name));
}

}  // namespace mrun::project
