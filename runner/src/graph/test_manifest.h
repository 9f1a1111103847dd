// Test helpers (unit tests, tools/bench): manifests built in code, shaped like the
// movies project (sources -> staging -> core -> marts, with tests).
#pragma once

#include <string>
#include <vector>

#include "graph/manifest.h"
#include "project/config_text.h"

namespace mrun::graph::testing {

/// A model "model.movies.<name>" in models/<folder>/<name>.sql depending on
/// `deps` (unique_ids), with a config given as a YAML map.
inline Node model(const std::string& name, const std::string& folder, std::vector<std::string> deps = {},
                  const std::string& config_yaml = "{}") {
  Node n;
  n.kind = NodeKind::Model;
  n.name = name;
  n.unique_id = "model.movies." + name;
  n.package = "movies";
  n.path = "models/" + (folder.empty() ? "" : folder + "/") + name + ".sql";
  n.original_file_path = n.path;
  n.fqn = {"movies"};
  if (!folder.empty()) n.fqn.push_back(folder);
  n.fqn.push_back(name);
  n.config.merge_map(project::parse_config_text(config_yaml, n.path));
  n.depends_on = std::move(deps);
  n.raw_code = "select 1 as id";
  n.database_schema = folder.empty() ? "public" : folder;
  n.relation_name = name;
  n.where = {n.path, 1, 1};
  return n;
}

/// A source table "source.movies.<source>.<table>" from models/sources.yml.
inline Node source(const std::string& source_name, const std::string& table) {
  Node n;
  n.kind = NodeKind::Source;
  n.name = table;
  n.source_name = source_name;
  n.unique_id = "source.movies." + source_name + "." + table;
  n.package = "movies";
  n.path = "models/sources.yml";
  n.original_file_path = n.path;
  n.fqn = {"movies", source_name, table};
  n.database_schema = source_name;
  n.relation_name = table;
  return n;
}

/// A seed "seed.movies.<name>" from seeds/<name>.csv.
inline Node seed(const std::string& name) {
  Node n = model(name, "", {});
  n.kind = NodeKind::Seed;
  n.unique_id = "seed.movies." + name;
  n.path = "seeds/" + name + ".csv";
  n.original_file_path = n.path;
  n.raw_code.clear();
  return n;
}

/// A generic test (`test_name` on `column` of the first dep) declared in
/// `schema_file`; a singular test in tests/<name>.sql when test_name is "".
inline Node test(const std::string& name, const std::string& test_name, std::vector<std::string> deps,
                 const std::string& schema_file = "", const std::string& column = "") {
  Node n;
  n.kind = NodeKind::Test;
  n.name = name;
  n.unique_id = "test.movies." + name;
  n.package = "movies";
  n.path = test_name.empty() ? "tests/" + name + ".sql" : schema_file;
  n.original_file_path = n.path;
  std::string folder = n.path.substr(0, n.path.rfind('/'));
  n.fqn = {"movies"};
  if (folder.rfind("models/", 0) == 0) n.fqn.push_back(folder.substr(7));
  n.fqn.push_back(name);
  n.depends_on = deps;
  n.test.test_name = test_name;
  n.test.column_name = column;
  if (!test_name.empty() && !deps.empty()) n.test.attached_node = deps.front();
  n.test.arguments = project::ConfigValue::map({});
  n.where = {n.path, 1, 1};
  return n;
}

/// The movies-shaped manifest used by the graph and artifact tests, linked.
inline Manifest movies_manifest() {
  Manifest m;
  m.add(source("raw", "movies_metadata"));
  m.add(source("raw", "links"));
  m.add(seed("genre_map"));
  m.add(model("stg_movies", "staging", {"source.movies.raw.movies_metadata"}, "{tags: [staging, nightly]}"));
  m.add(model("stg_links", "staging", {"source.movies.raw.links"}, "{tags: [staging]}"));
  m.add(model("stg_genres", "staging", {"model.movies.stg_movies"}, "{tags: [staging]}"));
  m.add(model("dim_genre", "core", {"model.movies.stg_genres", "seed.movies.genre_map"},
              "{materialized: table, meta: {owner: data-team}}"));
  m.add(model("fct_movie", "core", {"model.movies.stg_movies", "model.movies.stg_links"},
              "{materialized: table, tags: [nightly]}"));
  m.add(model("mart_genre_year", "marts", {"model.movies.dim_genre", "model.movies.fct_movie"}));
  m.add(model("old_mart", "marts", {"model.movies.fct_movie"}, "{enabled: false}"));
  m.add(test("not_null_stg_movies_id", "not_null", {"model.movies.stg_movies"}, "models/staging/schema.yml", "id"));
  m.add(test("unique_dim_genre_genre_id", "unique", {"model.movies.dim_genre"}, "models/core/schema.yml", "genre_id"));
  m.add(test("relationships_fct_movie_genre_id__genre_id__ref_dim_genre_", "relationships",
             {"model.movies.fct_movie", "model.movies.dim_genre"}, "models/core/schema.yml", "genre_id"));
  m.add(test("relationships_mart_genre_year_genre_id__genre_id__ref_dim_genre_", "relationships",
             {"model.movies.mart_genre_year", "model.movies.dim_genre"}, "models/marts/schema.yml", "genre_id"));
  m.add(test("assert_positive_budget", "", {"model.movies.fct_movie"}));
  m.link();
  return m;
}

}  // namespace mrun::graph::testing
