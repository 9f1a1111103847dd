#include "graph/selector.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "graph/dag.h"
#include "graph/test_manifest.h"

using namespace mrun::graph;
using Names = std::vector<std::string>;

namespace {

const Manifest& movies() {
  static const Manifest m = testing::movies_manifest();
  return m;
}

// Selected node names, sorted (order is checked separately).
Names pick(const std::vector<std::string>& select, const std::vector<std::string>& exclude = {},
           SelectOptions options = {}) {
  Names out;
  for (size_t i : select_nodes(movies(), select, exclude, options)) out.push_back(movies().nodes[i].name);
  std::sort(out.begin(), out.end());
  return out;
}

Names models_only(const std::vector<std::string>& select, const std::vector<std::string>& exclude = {}) {
  SelectOptions options;
  options.resource_types = {NodeKind::Model};
  return pick(select, exclude, options);
}

const std::string kRelFct = "relationships_fct_movie_genre_id__genre_id__ref_dim_genre_";
const std::string kRelMart = "relationships_mart_genre_year_genre_id__genre_id__ref_dim_genre_";

}  // namespace

TEST_CASE("criteria parse like dbt's selector pattern") {
  auto c = parse_criterion("2+tag:nightly+3");
  CHECK(c.method == "tag");
  CHECK(c.value == "nightly");
  CHECK(c.parents);
  CHECK(c.parents_depth == 2);
  CHECK(c.children);
  CHECK(c.children_depth == 3);

  c = parse_criterion("@config.meta.owner:data-team");
  CHECK(c.childrens_parents);
  CHECK(c.method == "config");
  CHECK(c.method_args == std::vector<std::string>{"meta", "owner"});
  CHECK(c.value == "data-team");

  CHECK(parse_criterion("+stg_2").value == "stg_2");
  CHECK_FALSE(parse_criterion("stg_2").children);
  CHECK(parse_criterion("stg_movies+").children_depth == -1);
  CHECK(parse_criterion("models/staging").method == "path");
  CHECK(parse_criterion("stg_movies.sql").method == "file");
  CHECK(parse_criterion("movies.staging.stg_movies").method == "fqn");
}

TEST_CASE("malformed and unknown selectors are config errors naming them") {
  CHECK_THROWS_WITH(pick({"colour:red"}), Catch::Contains("unknown selector method 'colour'"));
  CHECK_THROWS_WITH(pick({"state:modified"}), Catch::Contains("'state'") && Catch::Contains("not supported"));
  CHECK_THROWS_WITH(pick({"@+stg_movies"}), Catch::Contains("cannot be combined"));
  CHECK_THROWS_WITH(pick({"config:table"}), Catch::Contains("config key"));
  CHECK_THROWS_WITH(pick({"source:a.b.c.d"}), Catch::Contains("invalid source selector"));
  CHECK_THROWS_WITH(pick({"tag:"}), Catch::Contains("nothing to select"));
  CHECK_THROWS_WITH(pick({"resource_type:modle"}), Catch::Contains("unknown resource type 'modle'"));
  CHECK_THROWS_WITH(pick({"test_type:odd"}), Catch::Contains("invalid test_type"));
  CHECK_THROWS_AS(pick({"x"}, {"bogus:1"}), mrun::ConfigError);
}

TEST_CASE("no selection means every enabled node, in topological order") {
  auto selected = select_nodes(movies(), {}, {});
  CHECK(selected.size() == movies().nodes.size() - 1);  // all but the disabled old_mart
  std::vector<size_t> order = topological_order(movies());
  order.erase(std::remove(order.begin(), order.end(), movies().find("model.movies.old_mart")), order.end());
  CHECK(selected == order);
}

TEST_CASE("a plain name selects the node and, eagerly, its tests") {
  CHECK(pick({"stg_movies"}) == Names{"not_null_stg_movies_id", "stg_movies"});
  CHECK(models_only({"stg_movies"}) == Names{"stg_movies"});
  CHECK(pick({"no_such_model"}).empty());
}

TEST_CASE("fqn paths select folders and full names") {
  CHECK(models_only({"staging"}) == Names{"stg_genres", "stg_links", "stg_movies"});
  CHECK(models_only({"movies.staging.stg_links"}) == Names{"stg_links"});
  CHECK(models_only({"fqn:core"}) == Names{"dim_genre", "fct_movie"});
  CHECK(models_only({"movies"}).size() == 6);  // the package name is the fqn root
  CHECK(pick({"raw"}).empty());                 // the fqn method never picks sources
}

TEST_CASE("wildcards match names and fqn tails") {
  CHECK(models_only({"stg_*"}) == Names{"stg_genres", "stg_links", "stg_movies"});
  CHECK(models_only({"movies.core.*"}) == Names{"dim_genre", "fct_movie"});
  CHECK(models_only({"*_genre*"}) == Names{"dim_genre", "mart_genre_year", "stg_genres"});
  CHECK(pick({"tag:night*"}) == pick({"tag:nightly"}));
}

TEST_CASE("path and file methods") {
  Names staging_folder = {"not_null_stg_movies_id", "stg_genres", "stg_links", "stg_movies"};
  CHECK(pick({"path:models/staging"}) == staging_folder);
  CHECK(pick({"models/staging/"}) == staging_folder);
  CHECK(pick({"./models/staging"}) == staging_folder);
  CHECK(models_only({"path:models/core/dim_genre.sql"}) == Names{"dim_genre"});
  CHECK(models_only({"models/core/dim_genre.sql"}) == Names{"dim_genre"});
  CHECK(models_only({"dim_genre.sql"}) == Names{"dim_genre"});
  CHECK(models_only({"file:dim_genre"}) == Names{"dim_genre"});
  CHECK(models_only({"path:models/*/stg_m*.sql"}) == Names{"stg_movies"});
  CHECK(pick({"path:models/stag"}).empty());  // a folder prefix is not a folder
  CHECK(pick({"path:tests"}) == Names{"assert_positive_budget"});
}

TEST_CASE("tag, source, resource_type, package, test methods") {
  CHECK(models_only({"tag:nightly"}) == Names{"fct_movie", "stg_movies"});
  CHECK(pick({"source:raw"}) == Names{"links", "movies_metadata"});
  CHECK(pick({"source:raw.links"}) == Names{"links"});
  CHECK(pick({"source:movies.raw.*"}) == Names{"links", "movies_metadata"});
  CHECK(pick({"source:other"}).empty());
  CHECK(pick({"resource_type:seed"}) == Names{"genre_map"});
  CHECK(pick({"resource_type:source"}) == Names{"links", "movies_metadata"});
  CHECK(pick({"resource_type:snapshot"}).empty());  // the test manifest has none
  CHECK(pick({"resource_type:analysis"}).empty());
  CHECK(pick({"resource_type:test"}).size() == 5);
  CHECK(pick({"package:mov*"}).size() == movies().nodes.size() - 1);
  CHECK(pick({"test_type:singular"}) == Names{"assert_positive_budget"});
  CHECK(pick({"test_type:generic"}).size() == 4);
  CHECK(pick({"test_name:relationships"}) == Names{kRelFct, kRelMart});
}

TEST_CASE("config selectors compare any key, nested keys and defaults") {
  CHECK(models_only({"config.materialized:table"}) == Names{"dim_genre", "fct_movie"});
  CHECK(models_only({"config.materialized:view"}) == Names{"mart_genre_year", "stg_genres", "stg_links", "stg_movies"});
  CHECK(models_only({"config.tags:staging"}) == Names{"stg_genres", "stg_links", "stg_movies"});
  CHECK(models_only({"config.meta.owner:data-team"}) == Names{"dim_genre"});
  CHECK(models_only({"config.meta:owner"}) == Names{"dim_genre"});
  CHECK(models_only({"config.meta.owner:nobody"}).empty());
  // Looking nested keys up must not rewrite the config it reads.
  const auto& dim_genre = movies().nodes[movies().find("model.movies.dim_genre")];
  CHECK(dim_genre.config.get("meta").is_map());
  CHECK(dim_genre.config.get("meta")["owner"].text() == "data-team");
  CHECK(pick({"config.enabled:false"}).empty());  // disabled nodes are never selected
  CHECK(pick({"config.materialized:seed"}) == Names{"genre_map"});
}

TEST_CASE("graph operators") {
  CHECK(pick({"+dim_genre"}, {}, {IndirectSelection::Empty, {}}) ==
        Names{"dim_genre", "genre_map", "movies_metadata", "stg_genres", "stg_movies"});
  CHECK(models_only({"1+dim_genre"}) == Names{"dim_genre", "stg_genres"});
  CHECK(pick({"1+dim_genre"}, {}, {IndirectSelection::Empty, {}}) == Names{"dim_genre", "genre_map", "stg_genres"});
  CHECK(models_only({"stg_movies+"}) == Names{"dim_genre", "fct_movie", "mart_genre_year", "stg_genres", "stg_movies"});
  CHECK(models_only({"stg_movies+1"}) == Names{"fct_movie", "stg_genres", "stg_movies"});
  CHECK(models_only({"stg_movies+0"}) == Names{"stg_movies"});
  CHECK(models_only({"source:raw.links+"}) == Names{"fct_movie", "mart_genre_year", "stg_links"});
  // @: stg_links, its descendants, and every ancestor of those.
  CHECK(pick({"@stg_links"}, {}, {IndirectSelection::Empty, {}}) ==
        Names{"assert_positive_budget", "dim_genre", "fct_movie", "genre_map", "links", "mart_genre_year",
              "movies_metadata", kRelFct, kRelMart, "stg_genres", "stg_links", "stg_movies"});
  CHECK(models_only({"+tag:nightly+1"}) ==
        Names{"fct_movie", "mart_genre_year", "stg_genres", "stg_links", "stg_movies"});
}

TEST_CASE("graph operators on tags expand every matched node") {
  CHECK(models_only({"tag:nightly+1"}) == Names{"fct_movie", "mart_genre_year", "stg_genres", "stg_movies"});
}

TEST_CASE("unions, intersections and exclusions") {
  CHECK(models_only({"stg_links dim_genre"}) == Names{"dim_genre", "stg_links"});
  CHECK(models_only({"stg_links", "dim_genre"}) == Names{"dim_genre", "stg_links"});
  CHECK(models_only({"  stg_links   dim_genre "}) == Names{"dim_genre", "stg_links"});
  CHECK(models_only({"tag:nightly,staging"}) == Names{"stg_movies"});
  // The tests of stg_movies are in both sides of the intersection (eagerly).
  CHECK(pick({"tag:nightly,staging"}) == Names{"not_null_stg_movies_id", "stg_movies"});
  CHECK(models_only({"tag:nightly,core", "stg_links"}) == Names{"fct_movie", "stg_links"});
  CHECK(models_only({"staging"}, {"stg_movies"}) == Names{"stg_genres", "stg_links"});
  // Excluding a model excludes its tests as well.
  CHECK(pick({"staging"}, {"stg_movies"}) == Names{"stg_genres", "stg_links"});
  CHECK(models_only({"stg_movies+"}, {"core marts"}) == Names{"stg_genres", "stg_movies"});
  CHECK(models_only({}, {"tag:staging", "core"}) == Names{"mart_genre_year"});
  CHECK(pick({"tag:nightly,tag:staging,resource_type:seed"}).empty());
}

TEST_CASE("indirect test selection modes") {
  SelectOptions eager, cautious, buildable, empty;
  cautious.indirect = IndirectSelection::Cautious;
  buildable.indirect = IndirectSelection::Buildable;
  empty.indirect = IndirectSelection::Empty;
  // Eager: any tested node selected is enough.
  CHECK(pick({"fct_movie"}, {}, eager) == Names{"assert_positive_budget", "fct_movie", kRelFct});
  // Cautious: every tested node must be selected.
  CHECK(pick({"fct_movie"}, {}, cautious) == Names{"assert_positive_budget", "fct_movie"});
  CHECK(pick({"fct_movie dim_genre"}, {}, cautious) ==
        Names{"assert_positive_budget", "dim_genre", "fct_movie", kRelFct, "unique_dim_genre_genre_id"});
  // Buildable: the other tested node may be an ancestor of the selection.
  CHECK(pick({"mart_genre_year"}, {}, cautious) == Names{"mart_genre_year"});
  CHECK(pick({"mart_genre_year"}, {}, buildable) == Names{"mart_genre_year", kRelMart});
  CHECK(pick({"fct_movie"}, {}, empty) == Names{"fct_movie"});
  // Tests selected directly stay selected in every mode.
  CHECK(pick({"test_name:unique"}, {}, empty) == Names{"unique_dim_genre_genre_id"});
  // The resource-type filter applies after test expansion (dbt test -s model).
  SelectOptions tests_only;
  tests_only.resource_types = {NodeKind::Test};
  CHECK(pick({"dim_genre"}, {}, tests_only) == Names{kRelFct, kRelMart, "unique_dim_genre_genre_id"});
}

TEST_CASE("disabled nodes are never selected nor walked through") {
  CHECK(pick({"old_mart"}).empty());
  CHECK(pick({"path:models/marts"}) == Names{"mart_genre_year", kRelMart});
  CHECK(models_only({"fct_movie+"}) == Names{"fct_movie", "mart_genre_year"});
}

TEST_CASE("resource type names") {
  CHECK(parse_resource_type("seed") == NodeKind::Seed);
  CHECK(parse_resource_types({"model", "test", "model"}) == std::vector<NodeKind>{NodeKind::Model, NodeKind::Test});
  CHECK(parse_resource_types({"model", "all"}).empty());
  CHECK_THROWS_AS(parse_resource_type("snapshots"), mrun::ConfigError);
}

TEST_CASE("selection over a 30,000-node manifest stays linear") {
  // Not timed: every criterion is an O(N) match plus O(N + E) walks (see
  // selector.h). A 30,000-deep chain also proves nothing recurses.
  Manifest m;
  const int n = 30000;
  auto name = [](int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "m%05d", i);
    return std::string(buf);
  };
  for (int i = 0; i < n; ++i) {
    std::vector<std::string> deps;
    if (i > 0) deps.push_back("model.movies." + name(i - 1));
    if (i > 100) deps.push_back("model.movies." + name(i - 100));
    m.add(testing::model(name(i), i % 2 ? "odd" : "even", deps, i % 10 == 0 ? "{tags: [tenth]}" : "{}"));
    if (i % 3 == 0) m.add(testing::test("not_null_" + name(i) + "_id", "not_null", {"model.movies." + name(i)}, "models/x.yml"));
  }
  m.link();
  CHECK(select_nodes(m, {"+" + name(n - 1)}, {}, {IndirectSelection::Empty, {}}).size() == static_cast<size_t>(n));
  CHECK(select_nodes(m, {name(0) + "+"}, {}).size() == static_cast<size_t>(n + n / 3));
  CHECK(select_nodes(m, {"@" + name(n / 2)}, {}, {IndirectSelection::Empty, {NodeKind::Model}}).size() ==
        static_cast<size_t>(n));
  CHECK(select_nodes(m, {"tag:tenth,odd"}, {}).empty());
  CHECK(select_nodes(m, {"tag:tenth"}, {"even"}, {IndirectSelection::Eager, {NodeKind::Model}}).empty());
  CHECK(select_nodes(m, {"m0000*"}, {}, {IndirectSelection::Eager, {NodeKind::Model}}).size() == 10);
}

TEST_CASE("a selection by unique ids is exactly those nodes, in topological order") {
  const std::vector<std::string> ids{"model.movies.mart_genre_year", "test.movies.unique_dim_genre_genre_id",
                                     "model.movies.dim_genre", "model.movies.no_such_model", "model.movies.old_mart"};
  std::vector<size_t> selected = select_unique_ids(movies(), ids);
  // No test follows dim_genre indirectly; the unknown id and the disabled old_mart are left out.
  std::vector<size_t> expected;
  for (size_t i : topological_order(movies())) {
    const std::string& name = movies().nodes[i].name;
    if (name == "dim_genre" || name == "unique_dim_genre_genre_id" || name == "mart_genre_year") expected.push_back(i);
  }
  CHECK(selected == expected);

  SelectOptions models;
  models.resource_types = {NodeKind::Model};
  CHECK(select_unique_ids(movies(), ids, models).size() == 2);
  CHECK(select_unique_ids(movies(), {}).empty());
}
