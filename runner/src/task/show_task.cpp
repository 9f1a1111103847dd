#include "task/show_task.h"

#include <algorithm>
#include <iostream>

#include "db/connection.h"
#include "db/quote.h"
#include "parse/introspection.h"
#include "parse/node_compiler.h"
#include "parse/relation_catalog.h"
#include "parse/shadow_relations.h"
#include "task/prepared_project.h"
#include "util/closest_name.h"
#include "util/error.h"

namespace mrun::task {

namespace {

void print_table(std::ostream& out, const pqxx::result& rows) {
  std::vector<size_t> width(static_cast<size_t>(rows.columns()));
  for (pqxx::row::size_type c = 0; c < rows.columns(); ++c) width[c] = std::string(rows.column_name(c)).size();
  for (const auto& row : rows)
    for (pqxx::row::size_type c = 0; c < rows.columns(); ++c)
      width[c] = std::max(width[c], std::string(row[c].is_null() ? "" : row[c].c_str()).size());
  auto line = [&](auto cell) {
    for (size_t c = 0; c < width.size(); ++c) {
      std::string text = cell(c);
      out << (c ? " | " : "") << text << std::string(width[c] - std::min(width[c], text.size()), ' ');
    }
    out << "\n";
  };
  line([&](size_t c) { return std::string(rows.column_name(static_cast<pqxx::row::size_type>(c))); });
  line([&](size_t c) { return std::string(width[c], '-'); });
  for (const auto& row : rows) {
    line([&](size_t c) {
      auto f = row[static_cast<pqxx::row::size_type>(c)];
      return f.is_null() ? std::string() : std::string(f.c_str());
    });
  }
}

// The manifest index of the model, seed or source table `name`.
size_t find_showable(const graph::Manifest& manifest, const std::string& name) {
  std::vector<std::string> names;
  for (size_t i = 0; i < manifest.nodes.size(); ++i) {
    const graph::Node& n = manifest.nodes[i];
    if (n.kind == graph::NodeKind::Test || n.kind == graph::NodeKind::UnitTest) continue;
    if (n.name == name) return i;
    names.push_back(n.name);
  }
  std::string closest = closest_name(name, names);
  throw ConfigError("no model, seed or source table named '" + name + "'" +
                    (closest.empty() ? "" : " (did you mean '" + closest + "'?)"));
}

}  // namespace

int show_rows(ProjectSession& session, const CommonOptions& options, const ShowRequest& request) {
  if (request.node.empty() == request.inline_sql.empty())
    throw ConfigError("mrun show takes a model name (or -s MODEL) or --inline 'SQL', not both");
  PreparedProject& p = prepare_project(session, options, true);
  auto conn = db::connect(session.target().url);
  parse::QueryScope queries(*conn);  // run_query and statements in what is compiled
  std::string query, title;
  if (!request.inline_sql.empty()) {
    parse::RelationCatalog catalog;
    catalog.load(*conn);
    p.context->attach(&p.parsed.manifest, &catalog);
    query = parse::compile_inline(*p.context, p.parsed, request.inline_sql);
    title = "inline query";
  } else {
    size_t index = find_showable(p.parsed.manifest, request.node);
    const graph::Node& node = p.parsed.manifest.nodes[index];
    if (node.kind == graph::NodeKind::Model && node.materialized() == "ephemeral") {
      parse::RelationCatalog catalog;
      catalog.load(*conn);
      p.context->attach(&p.parsed.manifest, &catalog);
      query = parse::compile_node(*p.context, p.parsed, index);
      title = node.name + " (ephemeral: its compiled SQL)";
    } else if (request.unpublished) {
      if (node.kind == graph::NodeKind::Source)
        throw ConfigError("source table '" + node.name + "': a load that was not published left it as " +
                          node.database_schema + "." + node.relation_name +
                          "__new_<load> (query it with psql); --unpublished shows models and seeds");
      title = db::qualified_name(parse::shadow_schema(node.database_schema), node.relation_name);
      query = "select * from " + title;
    } else {
      title = db::qualified_name(node.database_schema, node.relation_name);
      query = "select * from " + title;
    }
  }
  // The query as a subquery: its own LIMIT, ORDER BY or WITH stay as written.
  std::string sql = "select * from (\n" + query + "\n) as mrun_show limit " + std::to_string(request.limit);
  pqxx::nontransaction tx(*conn);
  pqxx::result rows = tx.exec(sql);
  std::cout << title << "\n";
  print_table(std::cout, rows);
  return kExitOk;
}

}  // namespace mrun::task
