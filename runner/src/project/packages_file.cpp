#include "project/packages_file.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <yaml-cpp/yaml.h>

#include "project/yaml_file.h"
#include "util/sha1.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::project {

namespace {

const std::set<std::string> kEntryKeys = {"local",   "git",  "revision",           "subdirectory", "warn-unpinned",
                                          "package", "version", "install-prerelease", "name"};

// `value` as Python's json.dumps(value, sort_keys=True) writes it (", " and
// ": " between items), the text dbt hashes for package-lock.yml.
std::string python_json_text(const nlohmann::json& value) {
  std::vector<std::string> items;
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) items.push_back(nlohmann::json(key).dump() + ": " + python_json_text(item));
    return "{" + join(items, ", ") + "}";
  }
  if (value.is_array()) {
    for (const auto& item : value) items.push_back(python_json_text(item));
    return "[" + join(items, ", ") + "]";
  }
  return value.dump(-1, ' ', /*ensure_ascii=*/true);
}

// `node` as JSON: maps with sorted keys, every scalar as its text.
nlohmann::json json_of(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& kv : node) out[kv.first.Scalar()] = json_of(kv.second);
    return out;
  }
  if (node.IsSequence()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : node) out.push_back(json_of(item));
    return out;
  }
  return node.IsScalar() ? nlohmann::json(node.Scalar()) : nlohmann::json();
}

std::vector<VersionConstraint> read_version(const YamlFile& f, const YAML::Node& node, const std::string& package,
                                             const SourceLocation& entry) {
  if (!node || node.IsNull())
    throw ConfigError(entry, "package " + package +
                                                " needs a version (hub packages are pinned: version: \"1.0.0\" or "
                                                "version: [\">=1.0.0\", \"<2.0.0\"])");
  std::vector<VersionConstraint> out;
  std::vector<YAML::Node> items;
  if (node.IsSequence()) {
    for (const auto& item : node) items.push_back(item);
  } else {
    items.push_back(node);
  }
  for (const YAML::Node& item : items) {
    std::string text = scalar_string(f, item, "version");
    std::optional<VersionConstraint> constraint = parse_version_constraint(text);
    if (!constraint)
      throw ConfigError(location_of(f, item), "invalid version '" + text + "' for package " + package +
                                                  " (expected MAJOR.MINOR.PATCH, optionally after >=, >, <=, < or =)");
    out.push_back(*constraint);
  }
  return out;
}

PackageSpec read_entry(const YamlFile& f, const YAML::Node& entry, std::vector<std::string>& warnings) {
  if (!entry.IsMap())
    throw ConfigError(location_of(f, entry), "a package entry must be a mapping with local:, git: or package:");
  PackageSpec spec;
  spec.where = location_of(f, entry);
  spec.canonical = python_json_text(json_of(entry));
  for (const auto& kv : entry) {
    std::string key = kv.first.Scalar();
    if (key == "tarball" || key == "private")
      throw ConfigError(location_of(f, kv.first), "'" + key + ":' packages are not supported by mrun deps "
                                                          "(use local:, git: or package:)");
    if (!kEntryKeys.count(key))
      warnings.push_back(location_of(f, kv.first).str() + ": unknown package key '" + key + "' (ignored)");
  }
  int kinds = (entry["local"] ? 1 : 0) + (entry["git"] ? 1 : 0) + (entry["package"] ? 1 : 0);
  if (kinds != 1)
    throw ConfigError(spec.where, kinds == 0 ? "a package entry needs one of local:, git: or package:"
                                             : "a package entry names more than one of local:, git: and package:");
  spec.name = scalar_string(f, entry["name"], "name");
  if (entry["local"]) {
    spec.source = PackageSource::Local;
    spec.local = scalar_string(f, entry["local"], "local");
    if (spec.local.empty()) throw ConfigError(location_of(f, entry["local"]), "local: needs a folder");
  } else if (entry["git"]) {
    spec.source = PackageSource::Git;
    spec.git = scalar_string(f, entry["git"], "git");
    if (spec.git.empty()) throw ConfigError(location_of(f, entry["git"]), "git: needs a repository URL");
    spec.revision = scalar_string(f, entry["revision"], "revision");
    spec.subdirectory = scalar_string(f, entry["subdirectory"], "subdirectory");
    if (fs::path(spec.subdirectory).is_absolute() || spec.subdirectory.find("..") != std::string::npos)
      throw ConfigError(location_of(f, entry["subdirectory"]), "subdirectory must be a folder inside the repository");
    spec.warn_unpinned = bool_value(f, entry["warn-unpinned"], "warn-unpinned", true);
  } else {
    spec.source = PackageSource::Hub;
    spec.package = scalar_string(f, entry["package"], "package");
    std::vector<std::string> parts = split(spec.package, '/');
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty())
      throw ConfigError(location_of(f, entry["package"]),
                        "package '" + spec.package + "' must be the hub's org/name, e.g. dbt-labs/dbt_utils");
    spec.version = read_version(f, entry["version"], spec.package, spec.where);
    spec.install_prerelease = bool_value(f, entry["install-prerelease"], "install-prerelease", false);
  }
  return spec;
}

// The entries of the `packages:` list of `f`.
PackagesFile read_packages(const YamlFile& f) {
  PackagesFile out;
  out.path = f.path;
  if (!f.root || f.root.IsNull()) return out;
  if (!f.root.IsMap()) throw ConfigError(location_of(f, f.root), "the file must be a mapping with packages:");
  for (const auto& kv : f.root) {
    std::string key = kv.first.Scalar();
    if (key == "projects")
      out.warnings.push_back(location_of(f, kv.first).str() +
                             ": 'projects:' (dbt Mesh dependencies on other projects) is not supported (ignored)");
    else if (key != "packages" && key != "sha1_hash")
      out.warnings.push_back(location_of(f, kv.first).str() + ": unknown key '" + key + "' (ignored)");
  }
  expect_sequence(f, f.root["packages"], "packages");
  for (const auto& entry : f.root["packages"]) out.packages.push_back(read_entry(f, entry, out.warnings));
  out.sha1_hash = scalar_string(f, f.root["sha1_hash"], "sha1_hash");
  return out;
}

std::string strip_suffix(std::string text, const std::string& suffix) {
  if (text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0)
    text.resize(text.size() - suffix.size());
  return text;
}

}  // namespace

std::string PackageSpec::key() const {
  switch (source) {
    case PackageSource::Local: return "local:" + fs::path(local).lexically_normal().string();
    case PackageSource::Git: return "git:" + strip_suffix(strip_suffix(git, "/"), ".git");
    case PackageSource::Hub: return "hub:" + to_lower(package);
  }
  return "";
}

std::string PackageSpec::display() const {
  switch (source) {
    case PackageSource::Local: return local;
    case PackageSource::Git: return git;
    case PackageSource::Hub: return package;
  }
  return "";
}

std::string PackageSpec::canonical_pin() const {
  return key() + "@" + revision + (version.empty() ? "" : version.front().version.str());
}

std::optional<PackagesFile> load_packages_file(const std::string& dir, const std::string& shown_as) {
  auto read = [&](const std::string& name) -> std::optional<PackagesFile> {
    fs::path path = fs::path(dir) / name;
    if (!fs::exists(path)) return std::nullopt;
    YamlFile file = load_yaml_file(path.string());
    file.path = shown_as.empty() ? name : shown_as + "/" + name;
    return read_packages(file);
  };
  std::optional<PackagesFile> packages = read("packages.yml"), dependencies = read("dependencies.yml");
  if (packages && dependencies && !dependencies->packages.empty())
    throw ConfigError(dependencies->path + ": packages are listed in both packages.yml and dependencies.yml; "
                                           "keep them in one of the two (as dbt requires)");
  return packages ? packages : dependencies;
}

std::optional<PackagesFile> load_package_lock(const std::string& dir) {
  fs::path path = fs::path(dir) / "package-lock.yml";
  if (!fs::exists(path)) return std::nullopt;
  YamlFile file = load_yaml_file(path.string());
  file.path = "package-lock.yml";
  return read_packages(file);
}

std::string packages_sha1(const std::vector<PackageSpec>& packages) {
  std::vector<std::string> texts;
  for (const PackageSpec& p : packages) texts.push_back(p.canonical);
  std::sort(texts.begin(), texts.end());
  return sha1_hex(join(texts, "\n"));
}

std::string package_lock_text(const std::vector<PackageSpec>& resolved, const std::string& sha1_hash) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "packages" << YAML::Value << YAML::BeginSeq;
  for (const PackageSpec& p : resolved) {
    out << YAML::BeginMap;
    switch (p.source) {
      case PackageSource::Local: out << YAML::Key << "local" << YAML::Value << p.local; break;
      case PackageSource::Git:
        out << YAML::Key << "git" << YAML::Value << p.git << YAML::Key << "revision" << YAML::Value << p.revision;
        if (!p.subdirectory.empty()) out << YAML::Key << "subdirectory" << YAML::Value << p.subdirectory;
        break;
      case PackageSource::Hub:
        out << YAML::Key << "package" << YAML::Value << p.package << YAML::Key << "version" << YAML::Value
            << (p.version.empty() ? "" : p.version.front().version.str());
        break;
    }
    out << YAML::Key << "name" << YAML::Value << p.name << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::Key << "sha1_hash" << YAML::Value << sha1_hash << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string package_project_name(const std::string& dir) {
  fs::path file = fs::path(dir) / "dbt_project.yml";
  if (!fs::exists(file)) file = fs::path(dir) / "project.yml";
  if (!fs::exists(file)) throw ConfigError(dir + ": no dbt_project.yml: not a dbt package");
  YamlFile f = load_yaml_file(file.string());
  if (!f.root.IsMap()) throw ConfigError(location_of(f, f.root), "the project file must be a mapping");
  std::string name = scalar_string(f, f.root["name"], "name");
  if (name.empty()) throw ConfigError(location_of(f, f.root), "the package's project file needs a 'name'");
  return name;
}

}  // namespace mrun::project
