// Turns a project's files into a linked manifest: every model, seed, source,
// snapshot (parse/snapshot_blocks.h, parse/snapshot_config.h) and test as a node, with configs merged (folder < schema.yml < config())
// and dependencies found by rendering each node in the Parse phase.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "parse/dbt_context.h"
#include "graph/manifest.h"
#include "project/discovery.h"
#include "project/installed_packages.h"
#include "project/schema_file.h"

namespace mrun::parse {

/// The parsed project: its manifest and the parsed templates of snapshot
/// blocks (other nodes' templates are parsed again from raw_code when compiled).
struct ParsedProject {
  graph::Manifest manifest;
  std::unordered_map<std::string, jinja::TemplatePtr> templates;  ///< unique_id -> snapshot block template
  std::vector<project::SchemaFile> schema_files;  ///< their sources carry the loader's settings (load/table_spec.h)
  std::vector<std::string> warnings;  ///< with file:line:col
};

/// Parses every file of the project and of its installed `packages` (their
/// nodes have `package` and unique ids `model.<package>.<name>`; the root's
/// `models: <package>:` configs apply over the package's own). Renders models and tests in the Parse
/// phase (ref/source/config recorded), resolves schemas with
/// generate_schema_name, then links the graph. Sources come from the schema
/// files under model-paths only (hidden files are never read: discovery.h).
/// Throws ConfigError naming the file for a missing ref or source, an
/// unknown test, or duplicate names; TemplateError for template errors.
ParsedProject parse_project(const project::ProjectConfig& config, const project::ProjectFiles& files,
                            DbtContext& context, const std::vector<project::InstalledPackage>& packages = {});

}  // namespace mrun::parse
