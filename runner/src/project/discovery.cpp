#include "project/discovery.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace mrun::project {

namespace {

bool hidden(const fs::path& rel) {
  for (const auto& part : rel)
    if (!part.empty() && part.string()[0] == '.') return true;
  return false;
}

// A file found under one of the project's resource folders.
struct FoundFile {
  fs::path path;
  std::string folder;      // the resource folder, as configured ("models")
  fs::path relative;       // below that folder
};

// Every visible file under each of `folders`, each folder walked once (the
// model folders hold models, schema files and docs: one walk, not three).
std::vector<FoundFile> walk(const fs::path& root, const std::vector<std::string>& folders) {
  std::vector<FoundFile> out;
  std::vector<std::string> seen;
  for (const auto& folder : folders) {
    if (std::find(seen.begin(), seen.end(), folder) != seen.end()) continue;
    seen.push_back(folder);
    // Paths below `base` are made relative lexically: fs::relative resolves
    // symlinks with a syscall per path component, a quarter of `mrun ls` on
    // a project of 10,000 models.
    fs::path base = (root / folder).lexically_normal();
    if (!base.has_filename()) base = base.parent_path();
    std::error_code ec;
    if (!fs::is_directory(base, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(base, ec); it != fs::recursive_directory_iterator(); ++it) {
      fs::path rel = it->path().lexically_relative(base);
      if (hidden(rel)) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) out.push_back({it->path(), folder, std::move(rel)});
    }
  }
  return out;
}

// The files of `found` under one of `folders` whose extension is in `exts`, sorted.
std::vector<ProjectFile> select(const fs::path& root, const std::vector<FoundFile>& found,
                                const std::vector<std::string>& folders, const std::vector<std::string>& exts) {
  std::vector<ProjectFile> out;
  for (const auto& file : found) {
    if (std::find(folders.begin(), folders.end(), file.folder) == folders.end()) continue;
    std::string ext = file.path.extension().string();
    if (std::find(exts.begin(), exts.end(), ext) == exts.end()) continue;
    ProjectFile f;
    f.path = file.path.string();
    f.project_path = file.path.lexically_relative(root).string();
    for (const auto& part : file.relative.parent_path()) f.folders.push_back(part.string());
    f.name = file.path.stem().string();
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
  files.models = select(root, found, cfg.model_paths, {".sql"});
  files.schema_files = select(root, found, schema_paths, {".yml", ".yaml"});
  files.seed_schema_files = select(root, found, cfg.seed_paths, {".yml", ".yaml"});
  files.docs_files = select(root, found, docs_paths, {".md"});
  files.macros = select(root, found, cfg.macro_paths, {".sql"});
  files.seeds = select(root, found, cfg.seed_paths, {".csv"});
  // As in dbt, the `generic/` folder of a test path holds {% test %}
  // definitions (macro files) and `fixtures/` the rows of unit tests: neither
  // are singular tests.
  for (auto& test : select(root, found, cfg.test_paths, {".sql", ".csv"})) {
    std::string folder = test.folders.empty() ? "" : test.folders.front();
    bool sql = test.path.ends_with(".sql");
    if (folder == "fixtures") {
      files.fixtures.push_back(std::move(test));
    } else if (sql) {
      (folder == "generic" ? files.macros : files.singular_tests).push_back(std::move(test));
    }
  }
  files.snapshots = select(root, found, cfg.snapshot_paths, {".sql"});
  return files;
}

}  // namespace mrun::project
