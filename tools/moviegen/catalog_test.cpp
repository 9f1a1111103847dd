#include <catch2/catch.hpp>

#include <set>

#include "catalog.h"

using namespace mrun::moviegen;

TEST_CASE("Scale 1.0 has the real dataset's row counts and quirk counts") {
  const ScalePlan p = plan_for_scale(1.0);
  CHECK(p.movie_rows == 45466);
  CHECK(p.keyword_rows == 46419);
  CHECK(p.credit_rows == 45476);
  CHECK(p.links == 45843);
  CHECK(p.links_small == 9125);
  CHECK(p.ratings == 26024289);
  CHECK(p.ratings_small == 100004);
  CHECK(p.users == 270896);
  CHECK(p.users_small == 671);
  CHECK(p.duplicate_ids == 30);
  CHECK(p.broken_records == 3);
  CHECK(p.unique_movies == 45466 - 30 - 3);
}

TEST_CASE("Small scales keep at least one of each quirk") {
  const ScalePlan p = plan_for_scale(0.03);
  CHECK(p.movie_rows == 1364);
  CHECK(p.duplicate_ids == 1);
  CHECK(p.broken_records == 1);
  CHECK(plan_for_scale(0.01).broken_records == 0);
  CHECK(plan_for_scale(0.0).movie_rows == 0);
  CHECK_THROWS_AS(plan_for_scale(-1), std::invalid_argument);
}

TEST_CASE("The catalog is deterministic and its ids are distinct") {
  const Catalog a = build_catalog(7, 0.05), b = build_catalog(7, 0.05), c = build_catalog(8, 0.05);
  REQUIRE(a.movies.size() == a.plan.unique_movies);
  CHECK(a.metadata_rows == b.metadata_rows);
  CHECK(a.links.size() == a.plan.links);
  std::set<uint32_t> tmdb, imdb;
  size_t empty_tmdb = 0;
  uint32_t last_movie_id = 0;
  for (const LinkRow& l : a.links) {
    CHECK(l.movie_id > last_movie_id);
    last_movie_id = l.movie_id;
    imdb.insert(l.imdb);
    if (l.tmdb) tmdb.insert(l.tmdb); else ++empty_tmdb;
  }
  CHECK(imdb.size() == a.links.size());
  CHECK(tmdb.size() + empty_tmdb == a.links.size());
  CHECK(empty_tmdb > 0);
  bool differs = false;
  for (size_t i = 0; i < a.links.size() && i < c.links.size(); ++i) differs = differs || a.links[i].tmdb != c.links[i].tmdb;
  CHECK(differs);
  size_t repeats = 0;
  for (uint32_t r : a.metadata_rows) repeats += (r & kRepeatBit) != 0;
  CHECK(repeats == a.plan.duplicate_ids);
}
