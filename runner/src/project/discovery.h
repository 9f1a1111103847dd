// Finding the files of a project: models, schema files, macros, seeds,
// singular tests and docs, in a stable (sorted) order.
#pragma once

#include <string>
#include <vector>

#include "project/project_config.h"

namespace mrun::project {

/// One file of the project.
struct ProjectFile {
  std::string path;           ///< absolute path
  std::string project_path;   ///< relative to the project root ("models/staging/stg_movies.sql")
  std::vector<std::string> folders;  ///< folders below its resource path ({"staging"})
  std::string name;           ///< file name without extension ("stg_movies")
};

/// Every file mrun reads from a project.
struct ProjectFiles {
  std::vector<ProjectFile> models;          ///< *.sql under model-paths
  std::vector<ProjectFile> schema_files;    ///< *.yml / *.yaml under model-paths (and seed-paths, snapshot-paths)
  std::vector<ProjectFile> seed_schema_files;  ///< those of schema_files under seed-paths (they declare no sources)
  std::vector<ProjectFile> docs_files;      ///< *.md under model-paths and docs-paths
  std::vector<ProjectFile> macros;          ///< *.sql under macro-paths, then under <test-path>/generic/
  std::vector<ProjectFile> seeds;           ///< *.csv under seed-paths
  std::vector<ProjectFile> singular_tests;  ///< *.sql under test-paths, except <test-path>/generic/ and fixtures/
  std::vector<ProjectFile> fixtures;        ///< *.csv and *.sql under <test-path>/fixtures/ (unit tests' rows)
  std::vector<ProjectFile> snapshots;       ///< *.sql under snapshot-paths ({% snapshot %} blocks)
};

/// Walks the project's resource paths. Missing folders are skipped; hidden
/// files and folders are ignored.
ProjectFiles discover_files(const ProjectConfig& config);

}  // namespace mrun::project
