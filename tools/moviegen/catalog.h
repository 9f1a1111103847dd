// What the generated dataset contains at a given scale: row counts of each
// file, the links (MovieLens id <-> IMDb id <-> TMDB id), the movies in file
// order and where each quirk of the real files goes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mrun::moviegen {

/// Row counts (data rows, header excluded) of every file at one scale.
struct ScalePlan {
  size_t movie_rows = 0;       ///< rows pandas reads from movies_metadata.csv
  size_t duplicate_ids = 0;    ///< extra rows repeating an earlier movie id
  size_t broken_records = 0;   ///< records split in two lines (fields shift)
  size_t malformed_dates = 0;  ///< release dates that are not YYYY-MM-DD
  size_t unique_movies = 0;    ///< distinct movie ids
  size_t keyword_rows = 0;     ///< rows of keywords.csv (repeats included)
  size_t credit_rows = 0;      ///< rows of credits.csv (repeats included)
  size_t links = 0;            ///< rows of links.csv
  size_t links_small = 0;      ///< rows of links_small.csv (a subset of links)
  size_t ratings = 0;          ///< rows of ratings.csv
  size_t ratings_small = 0;    ///< rows of ratings_small.csv
  size_t users = 0;        ///< user ids of ratings.csv are 1..users
  size_t users_small = 0;  ///< user ids of ratings_small.csv are 1..users_small
};

/// Returns the row counts for scale (1.0 = the real dataset's sizes).
/// Fails (std::invalid_argument) when scale is negative or above 100.
ScalePlan plan_for_scale(double scale);

/// One row of links.csv.
struct LinkRow {
  uint32_t movie_id;  ///< MovieLens id, increasing with gaps
  uint32_t imdb;      ///< IMDb number, written with 7 digits
  uint32_t tmdb;      ///< TMDB id; 0 means the field is empty
};

/// A distinct movie of movies_metadata.csv (also keyed in credits/keywords).
struct MovieRef {
  uint32_t tmdb;  ///< the id column
  uint32_t imdb;  ///< imdb_id column number (tt + 7 digits)
};

/// Marks a row that repeats an earlier movie (in the *_rows lists).
inline constexpr uint32_t kRepeatBit = 0x80000000u;

/// The whole plan of a dataset for one seed and scale.
struct Catalog {
  uint64_t seed = 0;          ///< the --seed value
  ScalePlan plan;             ///< row counts
  std::vector<LinkRow> links; ///< rows of links.csv in order
  std::vector<uint32_t> small_links;  ///< indices into links, increasing
  std::vector<MovieRef> movies;       ///< distinct movies in file order
  /// Movie index per row of movies_metadata.csv (kRepeatBit on repeats).
  std::vector<uint32_t> metadata_rows;
  std::vector<uint32_t> keyword_rows;  ///< movie index per keywords.csv row
  std::vector<uint32_t> credit_rows;   ///< movie index per credits.csv row
  std::vector<bool> broken;            ///< per movie: record split across lines
  std::vector<bool> malformed_date;    ///< per movie: release date malformed
  std::vector<bool> big_credits;       ///< per movie: very long cast and crew
};

/// Returns the catalog for seed and scale; same inputs, same catalog.
Catalog build_catalog(uint64_t seed, double scale);

/// Returns count positions in [0, n) spread evenly, offset by salt; all
/// distinct when count <= n.
std::vector<size_t> spread_positions(size_t count, size_t n, uint64_t salt);

}  // namespace mrun::moviegen
