// Weighted pools that rows draw from: genres, countries, languages, jobs,
// statuses, and the skewed (Zipf-like) pools of companies, keywords and
// people, so that a few companies make many movies as in the real data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rng.h"

namespace mrun::moviegen {

/// A production company of the pool.
struct Company {
  uint32_t id;       ///< TMDB company id
  std::string name;  ///< company name (UTF-8)
};

/// All pools for one seed. Indices drawn from a table index the matching
/// vocab span (genres(), countries(), ...) or vector.
struct Pools {
  uint64_t seed = 0;                ///< seed that names people and keywords
  WeightedTable genre;              ///< over genres()
  WeightedTable country;            ///< over countries()
  WeightedTable spoken_language;    ///< over languages()
  WeightedTable original_language;  ///< over languages(), English-heavy
  WeightedTable crew_job;           ///< over crew_jobs()
  WeightedTable status;             ///< over statuses()
  std::vector<Company> companies;   ///< by popularity rank
  WeightedTable company;            ///< Zipf over companies
  std::vector<uint32_t> keyword_ids;       ///< by popularity rank
  std::vector<std::string> keyword_names;  ///< by popularity rank
  WeightedTable keyword;            ///< Zipf over keywords
  WeightedTable person;             ///< Zipf over people ranks

  /// Returns the TMDB person id of the person with popularity rank rank.
  uint32_t person_id(uint64_t rank) const;
};

/// Returns the pools for seed (about 4,000 companies, 20,000 keywords,
/// 250,000 people).
Pools make_pools(uint64_t seed);

}  // namespace mrun::moviegen
