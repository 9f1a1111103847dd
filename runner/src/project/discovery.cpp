#include "project/discovery.h"

#include <algorithm>
#include <filesystem>
#include <string_view>

namespace fs = std::filesystem;

namespace mrun::project {

namespace {

// A file found under one of the project's resource folders. Paths are kept
// as strings and cut by hand: std::filesystem::path splits and rebuilds its
// components on every operation, most of discovery's time on 10,000 files.
struct FoundFile {
  std::string path;          // the file ("<root>/models/staging/stg_movies.sql")
  std::string folder;        // the resource folder, as configured ("models")
  std::string project_path;  // relative to the root ("models/staging/stg_movies.sql")
  std::string relative;      // below the resource folder ("staging/stg_movies.sql")
};

// True when a component of the relative path `rel` starts with '.'.
bool hidden(std::string_view rel) { return rel.starts_with('.') || rel.find("/.") != std::string_view::npos; }

// Every visible file under each of `folders`, each folder walked once (the
// model folders hold models, schema files and docs: one walk, not three).
std::vector<FoundFile> walk(const fs::path& root, const std::vector<std::string>& folders) {
  std::vector<FoundFile> out;
  std::vector<std::string> seen;
  for (const auto& folder : folders) {
    if (std::find(seen.begin(), seen.end(), folder) != seen.end()) continue;
    seen.push_back(folder);
    // Paths below `base` are made relative lexically: fs::relative resolves
    // symlinks with a syscall per path component.
    fs::path base = (root / folder).lexically_normal();
    if (!base.has_filename()) base = base.parent_path();
    std::error_code ec;
    if (!fs::is_directory(base, ec)) continue;
    std::string base_text = base.string();
    std::string base_in_project = base.lexically_relative(root).string();
    std::string prefix = base_in_project == "." ? "" : base_in_project + "/";
    for (auto it = fs::recursive_directory_iterator(base, ec); it != fs::recursive_directory_iterator(); ++it) {
      const std::string& path = it->path().native();
      std::string_view rel = std::string_view(path).substr(std::min(path.size(), base_text.size() + 1));
      if (hidden(rel)) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) out.push_back({path, folder, prefix + std::string(rel), std::string(rel)});
    }
  }
  return out;
}

// The extension of the last component of `path`, dot included ("" if none),
// as std::filesystem::path::extension() gives it.
std::string_view extension(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || name == "..") return {};
  return name.substr(dot);
}

// The files of `found` under one of `folders` whose extension is in `exts`, sorted.
std::vector<ProjectFile> select(const std::vector<FoundFile>& found, const std::vector<std::string>& folders,
                                const std::vector<std::string>& exts) {
  std::vector<ProjectFile> out;
  for (const auto& file : found) {
    if (std::find(folders.begin(), folders.end(), file.folder) == folders.end()) continue;
    std::string_view ext = extension(file.path);
    if (std::find(exts.begin(), exts.end(), ext) == exts.end()) continue;
    ProjectFile f;
    f.path = file.path;
    f.project_path = file.project_path;
    std::string_view rel = file.relative;
    for (size_t slash; (slash = rel.find('/')) != std::string_view::npos; rel.remove_prefix(slash + 1)) {
      if (slash > 0) f.folders.emplace_back(rel.substr(0, slash));
    }
    f.name = rel.substr(0, rel.size() - ext.size());
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const ProjectFile& a, const ProjectFile& b) { return a.project_path < b.project_path; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const ProjectFile& a, const ProjectFile& b) { return a.project_path == b.project_path; }),
            out.end());
  return out;
}

}  // namespace

ProjectFiles discover_files(const ProjectConfig& cfg) {
  auto plus = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  fs::path root(cfg.root_dir);
  std::vector<std::string> schema_paths = plus(plus(cfg.model_paths, cfg.seed_paths), cfg.snapshot_paths);
  std::vector<std::string> docs_paths = plus(cfg.model_paths, cfg.docs_paths);
  auto found = walk(root, plus(plus(plus(schema_paths, cfg.docs_paths), cfg.macro_paths), cfg.test_paths));
  ProjectFiles files;
  files.models = select(found, cfg.model_paths, {".sql"});
  files.schema_files = select(found, schema_paths, {".yml", ".yaml"});
  files.seed_schema_files = select(found, cfg.seed_paths, {".yml", ".yaml"});
  files.docs_files = select(found, docs_paths, {".md"});
  files.macros = select(found, cfg.macro_paths, {".sql"});
  files.seeds = select(found, cfg.seed_paths, {".csv"});
  // As in dbt, the `generic/` folder of a test path holds {% test %}
  // definitions (macro files) and `fixtures/` the rows of unit tests: neither
  // are singular tests.
  for (auto& test : select(found, cfg.test_paths, {".sql", ".csv"})) {
    std::string folder = test.folders.empty() ? "" : test.folders.front();
    bool sql = test.path.ends_with(".sql");
    if (folder == "fixtures") {
      files.fixtures.push_back(std::move(test));
    } else if (sql) {
      (folder == "generic" ? files.macros : files.singular_tests).push_back(std::move(test));
    }
  }
  files.snapshots = select(found, cfg.snapshot_paths, {".sql"});
  return files;
}

}  // namespace mrun::project
