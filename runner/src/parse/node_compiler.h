// Compiling a node: its Execute-phase render, with the ephemeral models it
// references inlined as CTEs (dbt's __dbt__cte__ names), written to
// target/compiled/<project>/<path>.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "parse/dbt_context.h"
#include "parse/project_parser.h"

namespace mrun::parse {

/// The compiled SQL of manifest node `index`. Throws TemplateError.
/// `shadow`: relations this run built are named by their shadows
/// (NodeRender::shadow), for the SQL a `publish: atomic` run executes; the
/// SQL written to target/compiled and fingerprinted names the published ones.
/// `source_lines`, when given, gets the node template's line behind each
/// line of the SQL (element 0 for SQL line 1; 0 for the lines of inlined
/// ephemeral models), to point database errors at the template.
std::string compile_node(const DbtContext& context, const ParsedProject& project, size_t index, bool shadow = false,
                         std::vector<int>* source_lines = nullptr);

/// compile_node with the render's shadow, fixtures, overrides and silent
/// taken from `setup` (its node, phase and line map are ignored): a unit
/// test's render of its model; a silent render of the test column check.
std::string compile_node_with(const DbtContext& context, const ParsedProject& project, size_t index,
                              const NodeRender& setup, std::vector<int>* source_lines = nullptr);

/// `text`, a template typed on the command line (`compile --inline`, `show
/// --inline`), compiled like a model named inline_query: the project's
/// context, and the CTEs of the ephemeral models it refs. Throws TemplateError.
std::string compile_inline(const DbtContext& context, const ParsedProject& project, const std::string& text);

/// `sql` with `ctes` (name, body) placed in front: merged into its leading
/// WITH clause when it has one, else as a new WITH clause.
std::string inject_ctes(const std::string& sql, const std::vector<std::pair<std::string, std::string>>& ctes);

/// Queues `sql` to be written to <target-path>/compiled/<package>/<path>
/// as dbt lays it out (the node's path inside its package; a generic test:
/// <its schema file>/<name>.sql, the schema file's name a folder;
/// snapshots and unit tests: <dir of their file>/<name>.sql) on a
/// background thread, and returns that path. The file is there once
/// flush_compiled_sql() has returned.
std::string write_compiled_sql(const project::ProjectConfig& config, const graph::Node& node, const std::string& sql);

/// Waits until every file queued by write_compiled_sql is written; throws
/// RunError naming the first that could not be.
void flush_compiled_sql();

}  // namespace mrun::parse
