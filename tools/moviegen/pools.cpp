#include "pools.h"

#include "text_gen.h"
#include "vocab.h"

namespace mrun::moviegen {
namespace {

constexpr size_t kCompanies = 4000, kKeywords = 20000, kPeople = 250000;
constexpr uint64_t kPersonPrime = 1999993;

template <class Span>
WeightedTable table_of(const Span& items) {
  std::vector<uint64_t> w;
  for (const auto& item : items) w.push_back(item.weight);
  return WeightedTable::from(w);
}

}  // namespace

uint32_t Pools::person_id(uint64_t rank) const {
  return static_cast<uint32_t>(1 + (rank * 1000003 + seed % kPersonPrime) % kPersonPrime);
}

Pools make_pools(uint64_t seed) {
  Pools p;
  p.seed = seed;
  p.genre = table_of(genres());
  p.country = table_of(countries());
  p.spoken_language = table_of(languages());
  std::vector<uint64_t> original;
  for (const CodeName& l : languages()) original.push_back(l.code == "en" ? l.weight * 5 / 2 : l.weight);
  p.original_language = WeightedTable::from(original);
  p.crew_job = table_of(crew_jobs());
  p.status = table_of(statuses());

  for (const IdName& c : famous_companies()) p.companies.push_back({c.id, std::string(c.name)});
  for (size_t r = p.companies.size(); r < kCompanies; ++r)
    p.companies.push_back({static_cast<uint32_t>(20000 + (r * 7919) % 99991), company_name(seed, r)});
  p.company = WeightedTable::from(zipf_weights(kCompanies, 3));

  for (size_t r = 0; r < kKeywords; ++r) {
    p.keyword_ids.push_back(static_cast<uint32_t>(1 + (r * 7907 + seed % 249989) % 249989));
    p.keyword_names.push_back(keyword_name(seed, r));
  }
  p.keyword = WeightedTable::from(zipf_weights(kKeywords, 20));
  p.person = WeightedTable::from(zipf_weights(kPeople, 50));
  return p;
}

}  // namespace mrun::moviegen
