#include "parse/node_compiler.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "util/background_file_writer.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::parse {

namespace {

using Ctes = std::vector<std::pair<std::string, std::string>>;

std::string render_with_ctes(const DbtContext& context, const ParsedProject& project, size_t index,
                             const NodeRender& setup, Ctes& ctes, std::set<size_t>& seen, int depth,
                             jinja::LineMap* line_map = nullptr);

// Renders `node` (a copy, so the shared manifest is not touched) from
// `tmpl` and appends the CTEs of its ephemeral references, dependencies
// first. `setup` gives shadow, fixtures, overrides and silent (NodeRender);
// the ephemeral models are rendered with its shadow and silent only.
std::string render_template_with_ctes(const DbtContext& context, const ParsedProject& project, graph::Node node,
                                      const jinja::Template& tmpl, const NodeRender& setup, Ctes& ctes,
                                      std::set<size_t>& seen, int depth, jinja::LineMap* line_map = nullptr) {
  if (depth > 100) throw RunError("ephemeral models nest too deeply (a cycle?)");
  NodeRender render;
  render.node = &node;
  render.phase = RenderPhase::Execute;
  render.shadow = setup.shadow;
  render.fixtures = setup.fixtures;
  render.overrides = setup.overrides;
  render.silent = setup.silent;
  render.line_map = line_map;
  std::string sql = context.render(tmpl, render);
  NodeRender nested;
  nested.shadow = setup.shadow;
  nested.silent = setup.silent;
  for (size_t e : render.ephemerals) {
    if (!seen.insert(e).second) continue;
    std::string body = render_with_ctes(context, project, e, nested, ctes, seen, depth + 1);
    ctes.emplace_back("__dbt__cte__" + project.manifest.nodes[e].name, body);
  }
  return sql;
}

// render_template_with_ctes of manifest node `index`.
std::string render_with_ctes(const DbtContext& context, const ParsedProject& project, size_t index,
                             const NodeRender& setup, Ctes& ctes, std::set<size_t>& seen, int depth,
                             jinja::LineMap* line_map) {
  const graph::Node& node = project.manifest.nodes[index];
  // Snapshot blocks keep the template parsed in place in their file
  // (parse/project_parser.h); other nodes are parsed now.
  auto found = project.templates.find(node.unique_id);
  jinja::TemplatePtr tmpl =
      found != project.templates.end() ? found->second : context.parse(node.raw_code, node.path);
  return render_template_with_ctes(context, project, node, *tmpl, setup, ctes, seen, depth, line_map);
}

// `lines` (one per line of `from`) carried over to the lines of `to`, which
// is `from` with lines inserted or changed in between (inject_ctes): the
// lines `from` and `to` begin and end with keep theirs, the others get 0.
std::vector<int> carry_lines(const std::string& from, const std::vector<int>& lines, const std::string& to) {
  std::vector<std::string> a = split(from, '\n'), b = split(to, '\n');
  std::vector<int> out(b.size(), 0);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  for (size_t i = 0; i < prefix && i < lines.size(); ++i) out[i] = lines[i];
  for (size_t j = 0; j < a.size() - prefix && j < b.size() - prefix && a[a.size() - 1 - j] == b[b.size() - 1 - j]; ++j)
    if (a.size() - 1 - j < lines.size()) out[b.size() - 1 - j] = lines[a.size() - 1 - j];
  return out;
}

// Index just past leading white space and SQL comments.
size_t skip_space_and_comments(const std::string& sql, size_t i) {
  for (;;) {
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    if (sql.compare(i, 2, "--") == 0) {
      size_t nl = sql.find('\n', i);
      i = nl == std::string::npos ? sql.size() : nl + 1;
    } else if (sql.compare(i, 2, "/*") == 0) {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string::npos ? sql.size() : end + 2;
    } else {
      return i;
    }
  }
}

}  // namespace

std::string inject_ctes(const std::string& sql, const std::vector<std::pair<std::string, std::string>>& ctes) {
  if (ctes.empty()) return sql;
  std::string defs;
  for (size_t i = 0; i < ctes.size(); ++i) {
    if (i) defs += ",\n";
    defs += ctes[i].first + " as (\n" + std::string(trim(ctes[i].second)) + "\n)";
  }
  size_t start = skip_space_and_comments(sql, 0);
  bool has_with = sql.size() >= start + 4 && to_lower(sql.substr(start, 4)) == "with" &&
                  (sql.size() == start + 4 || !std::isalnum(static_cast<unsigned char>(sql[start + 4])));
  if (has_with) return sql.substr(0, start + 4) + " " + defs + ",\n" + sql.substr(start + 4);
  return sql.substr(0, start) + "with " + defs + "\n" + sql.substr(start);
}

std::string compile_node(const DbtContext& context, const ParsedProject& project, size_t index, bool shadow,
                         std::vector<int>* source_lines) {
  NodeRender setup;
  setup.shadow = shadow;
  return compile_node_with(context, project, index, setup, source_lines);
}

std::string compile_node_with(const DbtContext& context, const ParsedProject& project, size_t index,
                              const NodeRender& setup, std::vector<int>* source_lines) {
  Ctes ctes;
  std::set<size_t> seen;
  jinja::LineMap map;
  std::string sql = render_with_ctes(context, project, index, setup, ctes, seen, 0, source_lines ? &map : nullptr);
  std::vector<int> lines = source_lines ? map.source_lines(sql) : std::vector<int>{};
  // A snapshot's template stands where its block is in the file
  // (parse/snapshot_blocks.h): the blank space in front is not its SQL.
  if (project.manifest.nodes[index].kind == graph::NodeKind::Snapshot) {
    size_t cut = std::min(sql.find_first_not_of(" \t\r\n"), sql.size());
    auto dropped = static_cast<size_t>(std::count(sql.begin(), sql.begin() + static_cast<std::ptrdiff_t>(cut), '\n'));
    sql.erase(0, cut);
    lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(std::min(dropped, lines.size())));
  }
  std::string compiled = inject_ctes(sql, ctes);
  if (source_lines) *source_lines = carry_lines(sql, lines, compiled);
  return compiled;
}

std::string compile_inline(const DbtContext& context, const ParsedProject& project, const std::string& text) {
  graph::Node node;
  node.name = "inline_query";
  node.unique_id = "sql_operation." + context.project().name + ".inline_query";
  node.path = "<inline>";
  auto tmpl = context.parse(text, "<inline>");
  Ctes ctes;
  std::set<size_t> seen;
  std::string sql = render_template_with_ctes(context, project, node, *tmpl, NodeRender{}, ctes, seen, 0);
  return inject_ctes(sql, ctes);
}

namespace {

BackgroundFileWriter& compiled_sql_writer() {
  static BackgroundFileWriter writer(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  return writer;
}

}  // namespace

void flush_compiled_sql() { compiled_sql_writer().flush(); }

std::string write_compiled_sql(const project::ProjectConfig& config, const graph::Node& node, const std::string& sql) {
  // Paths joined as text (node paths are project-relative, with '/'):
  // std::filesystem::path splits every component of each path it builds.
  std::string rel = node.path;
  // A file that holds several nodes: each is named by the node. dbt writes a
  // generic test under its schema file's name, as if it were a folder
  // (models/staging/schema.yml/not_null_orders_id.sql), where tools look.
  if (node.kind == graph::NodeKind::Test && !node.test.test_name.empty()) {
    rel += "/" + node.name + ".sql";
  } else if (node.kind == graph::NodeKind::UnitTest || node.kind == graph::NodeKind::Snapshot) {
    size_t slash = rel.rfind('/');
    rel = (slash == std::string::npos ? "" : rel.substr(0, slash + 1)) + node.name + ".sql";
  }
  // A package's nodes under the package's name at their path inside the
  // package, as dbt lays them out (mrun's node paths start at the root
  // project: dbt_packages/<folder>/models/...).
  const std::string& package = node.package.empty() ? config.name : node.package;
  if (package != config.name) {
    std::string installed = (std::filesystem::path(config.packages_install_path) / "").string();
    size_t folder_end = rel.starts_with(installed) ? rel.find('/', installed.size()) : std::string::npos;
    if (folder_end != std::string::npos) rel.erase(0, folder_end + 1);
  }
  std::string out = (std::filesystem::path(config.root_dir) / config.target_path / "compiled").string() + "/" +
                    package + "/" + rel;
  // A derived file, rewritten by every run (as dbt does), written in the
  // background (util/background_file_writer.h); flush_compiled_sql() waits.
  compiled_sql_writer().write(out, sql);
  return out;
}

}  // namespace mrun::parse
