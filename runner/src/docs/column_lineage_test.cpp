#include "docs/column_lineage.h"

#include <catch2/catch.hpp>

#include "db/connection.h"
#include "test_database.h"

using namespace mrun;

namespace {

graph::Node model(const std::string& name, const std::string& schema, const std::string& sql) {
  graph::Node n;
  n.unique_id = "model.p." + name;
  n.kind = graph::NodeKind::Model;
  n.name = name;
  n.database_schema = schema;
  n.relation_name = name;
  n.compiled_code = sql;
  return n;
}

using Sources = std::vector<std::string>;

}  // namespace

TEST_CASE("column lineage: PostgreSQL's analyzer tells each column's upstream columns, through models to sources") {
  std::string url = test::fresh_database("docs_column_lineage_test");
  auto conn = db::connect(url);
  {
    pqxx::work tx(*conn);
    tx.exec("create schema raw; create schema core");
    tx.exec("create table raw.movies (id bigint, title text, budget numeric, revenue numeric, genres text)");
    tx.exec("create table raw.ratings (movie_id bigint, rating numeric)");
    tx.exec("create view core.stg_movies as select id as movie_id, title, budget, revenue from raw.movies");
    tx.commit();
  }
  graph::Manifest m;
  m.add(model("stg_movies", "core", "select id as movie_id, title, budget, revenue from raw.movies"));
  m.add(model("mart", "core",
              "with rated as (select movie_id, avg(rating) as avg_rating from raw.ratings group by movie_id)\n"
              "select s.movie_id, upper(s.title) as title, s.revenue - s.budget as profit,\n"
              "  sum(s.revenue) over () as total_revenue, r.avg_rating,\n"
              "  (select max(x.rating) from raw.ratings x where x.movie_id = s.movie_id) as best,\n"
              "  'constant' as label, b.n\n"
              "from core.stg_movies s left join rated r using (movie_id)\n"
              "cross join (select count(*) as n from raw.movies) b"));
  m.add(model("unioned", "core", "select title from core.stg_movies union all select genres from raw.movies"));
  m.add(model("genres", "core",
              "select m.id, g.value ->> 'name' as genre from raw.movies m,"
              " jsonb_array_elements(m.genres::jsonb) g"));
  m.add(model("broken", "core", "select nope from raw.movies"));
  m.link();

  auto lineage = docs::read_column_lineage({conn.get()}, m);
  // The same on two connections at once (each analyzing half the models).
  auto second = db::connect(url);
  CHECK(docs::read_column_lineage({conn.get(), second.get()}, m).size() == lineage.size());

  REQUIRE(lineage.count("model.p.mart") == 1);
  const auto& mart = lineage["model.p.mart"];
  CHECK(mart.at("movie_id").sources == Sources{"core.stg_movies.movie_id"});
  CHECK(mart.at("movie_id").roots == Sources{"raw.movies.id"});
  CHECK(mart.at("title").sources == Sources{"core.stg_movies.title"});
  CHECK(mart.at("profit").sources == Sources{"core.stg_movies.budget", "core.stg_movies.revenue"});
  CHECK(mart.at("profit").roots == Sources{"raw.movies.budget", "raw.movies.revenue"});
  CHECK(mart.at("total_revenue").roots == Sources{"raw.movies.revenue"});
  CHECK(mart.at("avg_rating").sources == Sources{"raw.ratings.rating"});  // through the CTE
  CHECK(mart.at("best").sources == Sources{"raw.ratings.rating"});        // a scalar subquery's output
  CHECK(mart.at("label").known);
  CHECK(mart.at("label").sources.empty());  // a constant
  CHECK(mart.at("n").sources.empty());      // count(*) reads no column
  CHECK(lineage["model.p.unioned"].at("title").sources == Sources{"core.stg_movies.title", "raw.movies.genres"});
  // A set-returning function in FROM: its columns come from its arguments.
  CHECK(lineage["model.p.genres"].at("genre").sources == Sources{"raw.movies.genres"});
  CHECK(lineage.count("model.p.broken") == 0);  // the database cannot analyze it: no lineage, no error
  // Nothing was left behind.
  pqxx::read_transaction tx(*conn);
  CHECK(tx.exec1("select count(*) from pg_class where relname like 'mrun_column_lineage%'")[0].as<int>() == 0);
}
