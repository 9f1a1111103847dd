#include "catalog.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "rng.h"

namespace mrun::moviegen {
namespace {

// Sizes of the real Kaggle files (data rows).
constexpr double kMovieRows = 45466, kKeywordRows = 46419, kCreditRows = 45476;
constexpr double kLinks = 45843, kLinksSmall = 9125;
constexpr double kRatings = 26024289, kRatingsSmall = 100004;
constexpr double kUsers = 270896, kUsersSmall = 671;

size_t scaled(double n, double scale) { return static_cast<size_t>(std::floor(n * scale + 0.5)); }

// Users needed so that each can rate distinct movies: a user rates at most
// 60% of the movies, and the average must stay well below that.
size_t users_for(size_t ratings, size_t movies, size_t wanted) {
  if (ratings == 0) return 0;
  const size_t cap = std::max<size_t>(1, movies * 3 / 5);
  const size_t needed = (ratings + cap / 2) / std::max<size_t>(1, cap / 2);
  return std::max({wanted, needed, size_t{1}});
}

// Row list 0..n-1 with `extra` repeats of earlier rows inserted a little
// after their original.
std::vector<uint32_t> rows_with_repeats(size_t n, size_t extra, uint64_t salt) {
  std::vector<std::pair<size_t, uint32_t>> inserts;  // (insert after, source)
  Rng rng(salt);
  for (size_t src : spread_positions(extra, n, salt)) {
    const size_t after = std::min(n - 1, src + rng.below(40));
    inserts.emplace_back(after, static_cast<uint32_t>(src) | kRepeatBit);
  }
  std::stable_sort(inserts.begin(), inserts.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<uint32_t> rows;
  rows.reserve(n + extra);
  size_t next = 0;
  for (size_t i = 0; i < n; ++i) {
    rows.push_back(static_cast<uint32_t>(i));
    for (; next < inserts.size() && inserts[next].first == i; ++next) rows.push_back(inserts[next].second);
  }
  return rows;
}

std::vector<bool> mark(size_t n, const std::vector<size_t>& positions) {
  std::vector<bool> marks(n, false);
  for (size_t p : positions) marks[p] = true;
  return marks;
}

// Gap between consecutive MovieLens ids, shaped like the real links.csv.
uint32_t movie_id_gap(Rng& rng) {
  const uint64_t x = rng.below(100);
  if (x < 20) return 1;
  if (x < 74) return 2;
  if (x < 80) return 3;
  if (x < 87) return 4;
  if (x < 96) return static_cast<uint32_t>(5 + rng.below(6));
  return static_cast<uint32_t>(11 + rng.below(50));
}

}  // namespace

std::vector<size_t> spread_positions(size_t count, size_t n, uint64_t salt) {
  std::vector<size_t> positions;
  if (n == 0) return positions;
  count = std::min(count, n);
  const size_t stride = n / std::max<size_t>(count, 1);
  const size_t offset = stride > 1 ? mix64(salt) % stride : 0;
  for (size_t k = 0; k < count; ++k) positions.push_back(k * stride + offset);
  return positions;
}

ScalePlan plan_for_scale(double scale) {
  if (!(scale >= 0 && scale <= 100)) throw std::invalid_argument("scale must be between 0 and 100");
  ScalePlan p;
  p.movie_rows = scaled(kMovieRows, scale);
  p.duplicate_ids = scaled(30, scale);
  if (p.duplicate_ids == 0 && p.movie_rows > 100) p.duplicate_ids = 1;
  p.broken_records = scaled(3, scale);
  if (p.broken_records == 0 && p.movie_rows > 1000) p.broken_records = 1;
  p.malformed_dates = scaled(5, scale);
  if (p.malformed_dates == 0 && p.movie_rows > 100) p.malformed_dates = 1;
  // A broken record shows up as two rows; the remaining rows are distinct.
  const size_t quirk_rows = p.duplicate_ids + p.broken_records;
  if (quirk_rows * 2 > p.movie_rows) p.duplicate_ids = p.broken_records = 0;
  p.unique_movies = p.movie_rows - p.duplicate_ids - p.broken_records;
  p.keyword_rows = scaled(kKeywordRows, scale);
  p.credit_rows = scaled(kCreditRows, scale);
  p.links = scaled(kLinks, scale);
  p.links_small = std::min(p.links, scaled(kLinksSmall, scale));
  p.ratings = p.links ? scaled(kRatings, scale) : 0;
  p.ratings_small = p.links_small ? scaled(kRatingsSmall, scale) : 0;
  p.users = users_for(p.ratings, p.links, scaled(kUsers, scale));
  p.users_small = users_for(p.ratings_small, p.links_small, scaled(kUsersSmall, scale));
  return p;
}

Catalog build_catalog(uint64_t seed, double scale) {
  Catalog c;
  c.seed = seed;
  c.plan = plan_for_scale(scale);
  const ScalePlan& p = c.plan;

  // Links: increasing MovieLens ids; IMDb and TMDB ids are distinct because
  // they come from i -> (a*i + b) mod prime, a bijection.
  Rng rng(mix64(seed, 0x11));
  constexpr uint64_t kImdbPrime = 7399997, kTmdbPrime = 469991;
  const uint64_t imdb_a = 1 + mix64(seed, 1) % (kImdbPrime - 1), imdb_b = mix64(seed, 2) % kImdbPrime;
  const uint64_t tmdb_a = 1 + mix64(seed, 3) % (kTmdbPrime - 1), tmdb_b = mix64(seed, 4) % kTmdbPrime;
  const auto empty_tmdb = spread_positions((p.links * 219 + 45842) / 45843, p.links, seed ^ 0x77);
  const auto no_tmdb = mark(p.links, empty_tmdb);
  uint32_t movie_id = 0;
  c.links.reserve(p.links);
  for (size_t i = 0; i < p.links; ++i) {
    movie_id += movie_id_gap(rng);
    const auto imdb = static_cast<uint32_t>(1 + (imdb_a * i + imdb_b) % kImdbPrime);
    const auto tmdb = static_cast<uint32_t>(2 + (tmdb_a * i + tmdb_b) % kTmdbPrime);
    c.links.push_back({movie_id, imdb, no_tmdb[i] ? 0u : tmdb});
  }
  for (size_t pos : spread_positions(p.links_small, p.links, seed ^ 0x5a))
    c.small_links.push_back(static_cast<uint32_t>(pos));

  // Movies: the links that have a TMDB id, in link order; when more movies
  // are wanted than such links, the rest get ids above every link's.
  std::vector<MovieRef> linked;
  for (const LinkRow& l : c.links)
    if (l.tmdb) linked.push_back({l.tmdb, l.imdb});
  const size_t from_links = std::min(p.unique_movies, linked.size());
  for (size_t pos : spread_positions(from_links, linked.size(), seed ^ 0x33)) c.movies.push_back(linked[pos]);
  for (size_t k = c.movies.size(); k < p.unique_movies; ++k)
    c.movies.push_back({static_cast<uint32_t>(kTmdbPrime + 2 + k), static_cast<uint32_t>(kImdbPrime + 1 + k)});

  const size_t n = c.movies.size();
  c.metadata_rows = rows_with_repeats(n, p.duplicate_ids, mix64(seed, 0xd1));
  c.keyword_rows = rows_with_repeats(std::min(n, p.keyword_rows), p.keyword_rows - std::min(n, p.keyword_rows),
                                     mix64(seed, 0xd2));
  c.credit_rows = rows_with_repeats(std::min(n, p.credit_rows), p.credit_rows - std::min(n, p.credit_rows),
                                    mix64(seed, 0xd3));
  c.broken = mark(n, spread_positions(p.broken_records, n, mix64(seed, 0xb1)));
  c.malformed_date = mark(n, spread_positions(p.malformed_dates, n, mix64(seed, 0xb2)));
  c.big_credits = mark(n, spread_positions((n + 199) / 200, n, mix64(seed, 0xb3)));
  return c;
}

}  // namespace mrun::moviegen
