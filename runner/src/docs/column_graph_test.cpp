#include "docs/column_graph.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "graph/test_manifest.h"

using namespace mrun;
using namespace mrun::docs;

namespace {

using Lineage = std::map<std::string, std::map<std::string, ColumnOrigin>>;

ColumnOrigin from(std::vector<std::string> sources) { return {true, std::move(sources), {}}; }

// total_revenue of the mart from fct_movie.revenue, from stg_movies.revenue,
// from the raw table; fct_movie.genre_id unknown; year a constant.
Lineage movies_lineage() {
  Lineage l;
  l["model.movies.mart_genre_year"] = {{"total_revenue", from({"core.fct_movie.revenue"})},
                                       {"genre_id", from({"core.fct_movie.genre_id", "core.dim_genre.genre_id"})},
                                       {"year", from({})}};
  l["model.movies.fct_movie"] = {{"revenue", from({"staging.stg_movies.revenue"})}, {"genre_id", ColumnOrigin{}}};
  l["model.movies.stg_movies"] = {{"revenue", from({"raw.movies_metadata.revenue"})}};
  return l;  // dim_genre is not analyzed: its columns are unknown
}

std::vector<std::string> ids(const ColumnGraph& g, const std::vector<size_t>& columns) {
  std::vector<std::string> out;
  for (size_t k : columns) out.push_back(g.columns[k].id);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("a column graph follows each column of the focus through the models down to the raw tables") {
  graph::Manifest m = graph::testing::movies_manifest();
  size_t mart = m.find("model.movies.mart_genre_year");
  ColumnGraph g = column_graph(m, relation_index(m), movies_lineage(), mart, {"genre_id", "total_revenue", "year"});

  REQUIRE(g.columns.size() >= 3);
  CHECK(g.columns[0].id == "marts.mart_genre_year.genre_id");
  CHECK(g.columns[1].id == "marts.mart_genre_year.total_revenue");

  const ColumnUpstream& revenue = g.upstream.at("total_revenue");
  CHECK(ids(g, revenue.columns) == std::vector<std::string>{"core.fct_movie.revenue", "staging.stg_movies.revenue",
                                                            "raw.movies_metadata.revenue"});
  CHECK(revenue.edges.size() == 3);
  for (size_t e : revenue.edges) CHECK((g.edges[e].second == revenue.column || has(ids(g, revenue.columns),
                                                                                    g.columns[g.edges[e].second].id)));

  // Where the database could not tell: an explicit unknown column.
  auto genre = ids(g, g.upstream.at("genre_id").columns);
  CHECK(has(genre, "core.fct_movie.genre_id"));
  CHECK(has(genre, "unknown:core.fct_movie.genre_id"));
  CHECK(has(genre, "unknown:core.dim_genre.genre_id"));
  CHECK(!has(genre, "raw.movies_metadata.revenue"));

  // A constant is computed from nothing, which is known.
  CHECK(g.upstream.at("year").columns.empty());
  CHECK(g.left_out == 0);
}

TEST_CASE("a column graph is bounded and names the relation of every column for the picture") {
  graph::Manifest m = graph::testing::movies_manifest();
  size_t mart = m.find("model.movies.mart_genre_year");
  ColumnGraph small = column_graph(m, relation_index(m), movies_lineage(), mart, {"total_revenue"}, 2);
  CHECK(small.columns.size() == 2);
  CHECK(small.left_out == 1);

  ColumnGraph g = column_graph(m, relation_index(m), movies_lineage(), mart, {"total_revenue"});
  std::vector<GraphRelation> relations = column_graph_relations(m, relation_index(m), g);
  REQUIRE(relations.size() == 4);  // the mart, fct_movie, stg_movies, the raw table: in the order found
  CHECK(relations[0].title == "mart_genre_year");
  CHECK(relations[1].title == "fct_movie");
  CHECK(relations[1].page == "model.movies.fct_movie.html");
  CHECK(relations[1].unique_id == "model.movies.fct_movie");
  CHECK(relations[3].relation == "raw.movies_metadata");
  CHECK(relations[3].title == "raw.movies_metadata");  // a source titled by its name
  CHECK(relations[3].fill == "#d9f2d9");
}

TEST_CASE("a model without column lineage gives an unknown upstream of each of its columns") {
  graph::Manifest m = graph::testing::movies_manifest();
  ColumnGraph g = column_graph(m, relation_index(m), {}, m.find("model.movies.dim_genre"), {"genre_id"});
  REQUIRE(g.columns.size() == 2);
  CHECK(g.columns[1].unknown);
  CHECK(g.upstream.at("genre_id").columns == std::vector<size_t>{1});
}
