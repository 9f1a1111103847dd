#include "task/docs_task.h"

#include <filesystem>
#include <future>
#include <iostream>
#include <mutex>
#include <thread>

#include "artifacts/catalog_json.h"
#include "artifacts/manifest_json.h"
#include "db/connection.h"
#include "docs/column_lineage.h"
#include "docs/database_catalog.h"
#include "docs/docs_site.h"
#include "docs/run_history.h"
#include "docs/static_server.h"
#include "parse/introspection.h"
#include "parse/node_compiler.h"
#include "parse/relation_catalog.h"
#include "task/current_views.h"
#include "task/prepared_project.h"
#include "util/error.h"
#include "util/parallel.h"

#ifndef MRUN_VERSION
#define MRUN_VERSION "0.1.0"
#endif

namespace mrun::task {

namespace {

bool compiles(const graph::Node& node) {
  return node.enabled() && (node.kind == graph::NodeKind::Model || node.kind == graph::NodeKind::Test);
}

// Fills compiled_code of every enabled model and test; returns the errors
// (one line each, with file:line:col), in manifest order. Templates that
// ask the database (dbt_utils.star, union_relations, get_column_values,
// run_query, ...) query it as dbt's docs generate does: each render takes
// one of `connections` (one per thread at a time).
std::vector<std::string> compile_all(PreparedProject& p, const std::vector<pqxx::connection*>& connections) {
  graph::Manifest& manifest = p.parsed.manifest;
  std::vector<std::string> errors(manifest.nodes.size());
  std::mutex pool_mutex;
  std::vector<pqxx::connection*> idle = connections;
  run_in_parallel(manifest.nodes.size(), [&](size_t i) {
    if (!compiles(manifest.nodes[i])) return;
    pqxx::connection* conn = nullptr;
    {
      std::lock_guard lock(pool_mutex);
      conn = idle.back();  // never empty: no more threads than connections
      idle.pop_back();
    }
    try {
      parse::QueryScope queries(*conn);
      manifest.nodes[i].compiled_code = parse::compile_node(*p.context, p.parsed, i);
    } catch (const std::exception& e) {
      errors[i] = manifest.nodes[i].unique_id + ": " + e.what();
    }
    std::lock_guard lock(pool_mutex);
    idle.push_back(conn);
  });
  std::vector<std::string> out;
  for (auto& e : errors)
    if (!e.empty()) out.push_back(std::move(e));
  return out;
}

}  // namespace

int generate_docs(ProjectSession& session, const CommonOptions& options) {
  const project::ProjectConfig& config = session.project();
  const parse::Target& target = session.target(true);
  PreparedProject& p = prepare_project(session, options, true);
  auto conn = db::connect(target.url);
  parse::RelationCatalog relations;
  relations.load(*conn);
  p.context->attach(&p.parsed.manifest, &relations);
  // One connection per core (as many as run_in_parallel's threads): the
  // templates' queries while compiling, then the column lineage.
  std::vector<std::unique_ptr<pqxx::connection>> more(std::max(1u, std::thread::hardware_concurrency()) - 1);
  std::vector<pqxx::connection*> connections = {conn.get()};
  for (auto& c : more) connections.push_back((c = db::connect(target.url)).get());
  std::vector<std::string> errors = compile_all(p, connections);
  for (const auto& e : errors) std::cerr << "error: " << e << "\n";
  const graph::Manifest& manifest = p.parsed.manifest;

  std::string dir = target_dir(config);
  std::filesystem::create_directories(dir);
  artifacts::ArtifactMetadata metadata = artifacts::new_metadata(config.name, MRUN_VERSION);
  metadata.invocation_id = p.context->settings().invocation_id;
  // manifest.json and catalog.json are written on threads of their own
  // while the database answers (catalog, history, column lineage) and the
  // site is made.
  std::future<void> manifest_written = std::async(std::launch::async, [&] {
    artifacts::write_manifest_json(dir + "/manifest.json", manifest, p.context->macro_names(), metadata.invocation_id,
                                   config.name);
  });
  docs::SiteInput site{config.name, metadata.generated_at, manifest, {}, {}, {}};
  site.catalog = docs::read_database_catalog(*conn, manifest);
  std::future<void> catalog_written = std::async(std::launch::async, [&] {
    artifacts::write_catalog_json(dir + "/catalog.json", site.catalog, metadata);
  });
  site.history = docs::read_run_history(*conn, config.state_schema, config.name, manifest);
  size_t lineage_reused = 0, views_current = 0;
  {
    // Column lineage on one connection per core: the database's analyzer is
    // the work. What an earlier generate analyzed is taken from the cache
    // when it still holds (docs/column_lineage_cache.h), and a view built
    // from its model's current SQL already holds its analyzed query
    // (task/current_views.h).
    docs::ColumnLineageCache cache(dir + "/column_lineage_cache.json", MRUN_VERSION, site.catalog);
    docs::BuiltViews built_views = [&](const std::vector<size_t>& models) {
      std::map<std::string, uint32_t> views;
      if (!site.history.recorded) return views;  // nothing has run against this database
      try {
        views = views_holding_current_sql(target.url, config.state_schema, config.name, p.parsed, *conn, models);
      } catch (const std::exception& e) {
        // A state this mrun cannot read (a newer mrun's): every model gets a temporary view.
        std::cerr << "warning: column lineage from temporary views only: " << e.what() << "\n";
      }
      views_current = views.size();
      return views;
    };
    site.column_lineage = docs::read_column_lineage(connections, manifest, &cache, built_views);
    cache.save();
    lineage_reused = cache.hits();
  }
  docs::SiteSummary written = docs::write_docs_site(dir + "/docs", site);
  manifest_written.get();
  catalog_written.get();
  for (const auto& w : written.warnings) std::cerr << "warning: " << w << "\n";
  std::cout << "column lineage of " << site.column_lineage.size() << " models (" << lineage_reused
            << " unchanged since the last generate, from " << dir << "/column_lineage_cache.json; " << views_current
            << " read from views built from their current SQL)\n";
  std::cout << "wrote " << dir << "/catalog.json (" << site.catalog.size() << " relations), " << dir
            << "/manifest.json and " << dir << "/docs (" << written.pages << " pages); open " << dir
            << "/docs/index.html or run `mrun docs serve`\n";
  return errors.empty() ? kExitOk : kExitFailed;
}

int serve_docs(ProjectSession& session, int port) {
  std::string root = target_dir(session.project()) + "/docs";
  if (!std::filesystem::exists(root + "/index.html"))
    throw ConfigError(root + "/index.html does not exist: run `mrun docs generate` first");
  docs::StaticServer server(root, port);
  std::cout << "serving " << root << " at http://127.0.0.1:" << server.port() << "/ (Ctrl-C stops)" << std::endl;
  server.run_until_interrupted();
  return kExitOk;
}

}  // namespace mrun::task
