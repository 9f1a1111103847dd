// credits.csv (cast, crew, id) and keywords.csv (id, keywords): Python
// literal lists per movie. Cast and crew lengths are heavy-tailed; about one
// movie in 200 has hundreds of entries (rows over 100 KB, as in the real file).
#include <string>

#include "dataset.h"
#include "text_format.h"
#include "text_gen.h"
#include "vocab.h"

namespace mrun::moviegen {
namespace {

void append_profile_path(std::string& lit, const Pools& pools, uint32_t person) {
  Rng rng(mix64(pools.seed, person, 0x9f));
  if (rng.below(5) == 0) {
    lit.append("None");
    return;
  }
  lit.push_back('\'');
  append_image_path(lit, rng);
  lit.push_back('\'');
}

void append_cast(std::string& lit, const Pools& pools, Rng& rng, size_t n) {
  lit.push_back('[');
  uint64_t cast_id = rng.below(20);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t rank = pools.person.pick(rng);
    const uint32_t person = pools.person_id(rank);
    if (i) lit.append(", ");
    lit.append("{'cast_id': ");
    append_uint(lit, cast_id += 1 + rng.below(3));
    lit.append(", 'character': ");
    append_py_str(lit, make_character(rng));
    lit.append(", 'credit_id': '");
    append_credit_id(lit, rng);
    lit.append("', 'gender': ");
    append_uint(lit, static_cast<uint64_t>(person_gender(pools.seed, rank)));
    lit.append(", 'id': ");
    append_uint(lit, person);
    lit.append(", 'name': ");
    append_py_str(lit, person_name(pools.seed, rank));
    lit.append(", 'order': ");
    append_uint(lit, i);
    lit.append(", 'profile_path': ");
    append_profile_path(lit, pools, person);
    lit.push_back('}');
  }
  lit.push_back(']');
}

void append_crew(std::string& lit, const Pools& pools, Rng& rng, size_t n) {
  lit.push_back('[');
  for (size_t i = 0; i < n; ++i) {
    const uint64_t rank = pools.person.pick(rng);
    const uint32_t person = pools.person_id(rank);
    const CrewJob& job = crew_jobs()[i == 0 ? 0 : pools.crew_job.pick(rng)];
    if (i) lit.append(", ");
    lit.append("{'credit_id': '");
    append_credit_id(lit, rng);
    lit.append("', 'department': ");
    append_py_str(lit, job.department);
    lit.append(", 'gender': ");
    append_uint(lit, static_cast<uint64_t>(person_gender(pools.seed, rank)));
    lit.append(", 'id': ");
    append_uint(lit, person);
    lit.append(", 'job': ");
    append_py_str(lit, job.job);
    lit.append(", 'name': ");
    append_py_str(lit, person_name(pools.seed, rank));
    lit.append(", 'profile_path': ");
    append_profile_path(lit, pools, person);
    lit.push_back('}');
  }
  lit.push_back(']');
}

void append_credit_row(std::string& out, const Dataset& d, size_t movie, std::string& lit) {
  const MovieRef ref = d.catalog.movies[movie];
  Rng rng(mix64(d.catalog.seed, ref.tmdb, 0xc4ed));
  size_t cast = 0, crew = 0;
  if (d.catalog.big_credits[movie]) {
    cast = 150 + rng.below(250);
    crew = 200 + rng.below(350);
  } else {
    if (rng.below(100) >= 5) cast = 1 + rng.below(7) + rng.below(1 + rng.below(25));
    if (rng.below(100) >= 2) crew = 1 + rng.below(5) + rng.below(1 + rng.below(20));
  }
  lit.clear();
  append_cast(lit, d.pools, rng, cast);
  append_csv_field(out, lit);
  out.push_back(',');
  lit.clear();
  append_crew(lit, d.pools, rng, crew);
  append_csv_field(out, lit);
  out.push_back(',');
  append_uint(out, ref.tmdb);
  out.push_back('\n');
}

void append_keyword_row(std::string& out, const Dataset& d, size_t movie, std::string& lit) {
  const MovieRef ref = d.catalog.movies[movie];
  Rng rng(mix64(d.catalog.seed, ref.tmdb, 0x6e7));
  const size_t n = rng.below(100) < 30 ? 0 : 1 + rng.below(3) + rng.below(1 + rng.below(12));
  lit.assign(1, '[');
  for (size_t i = 0; i < n; ++i) {
    const size_t k = d.pools.keyword.pick(rng);
    if (i) lit.append(", ");
    lit.append("{'id': ");
    append_uint(lit, d.pools.keyword_ids[k]);
    lit.append(", 'name': ");
    append_py_str(lit, d.pools.keyword_names[k]);
    lit.push_back('}');
  }
  lit.push_back(']');
  append_uint(out, ref.tmdb);
  out.push_back(',');
  append_csv_field(out, lit);
  out.push_back('\n');
}

}  // namespace

ChunkFn credits_csv(std::shared_ptr<const Dataset> data) {
  auto lit = std::make_shared<std::string>();
  return row_chunks("cast,crew,id\n", data->catalog.credit_rows.size(), 200, [data, lit](std::string& out, size_t row) {
    append_credit_row(out, *data, data->catalog.credit_rows[row] & ~kRepeatBit, *lit);
  });
}

ChunkFn keywords_csv(std::shared_ptr<const Dataset> data) {
  auto lit = std::make_shared<std::string>();
  return row_chunks("id,keywords\n", data->catalog.keyword_rows.size(), 5000, [data, lit](std::string& out, size_t row) {
    append_keyword_row(out, *data, data->catalog.keyword_rows[row] & ~kRepeatBit, *lit);
  });
}

}  // namespace mrun::moviegen
