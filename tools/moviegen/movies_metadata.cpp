// movies_metadata.csv: one record per movie, 24 columns, Python literals in
// the list columns, and the real file's quirks (repeated ids, records broken
// across lines, zero budgets, empty and malformed release dates).
#include <string>

#include "dataset.h"
#include "text_format.h"
#include "text_gen.h"
#include "vocab.h"

namespace mrun::moviegen {
namespace {

constexpr const char* kHeader =
    "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,original_title,"
    "overview,popularity,poster_path,production_companies,production_countries,release_date,revenue,"
    "runtime,spoken_languages,status,tagline,title,video,vote_average,vote_count\n";

// Picks how many items a list column gets: weights[k] for k items.
size_t list_length(Rng& rng, std::initializer_list<uint32_t> weights) {
  uint64_t total = 0;
  for (uint32_t w : weights) total += w;
  uint64_t x = rng.below(total);
  size_t k = 0;
  for (uint32_t w : weights) {
    if (x < w) return k;
    x -= w;
    ++k;
  }
  return k - 1;
}

// Draws up to n distinct indices from table, in draw order.
std::vector<size_t> distinct_picks(const WeightedTable& table, size_t n, Rng& rng) {
  std::vector<size_t> picked;
  for (int tries = 0; picked.size() < n && tries < 64; ++tries) {
    const size_t x = table.pick(rng);
    bool seen = false;
    for (size_t p : picked) seen = seen || p == x;
    if (!seen) picked.push_back(x);
  }
  return picked;
}

template <class Item>
void append_code_list(std::string& lit, const char* key, std::span<const Item> items, const std::vector<size_t>& picks) {
  lit.push_back('[');
  for (size_t i = 0; i < picks.size(); ++i) {
    if (i) lit.append(", ");
    lit.append("{'");
    lit.append(key);
    lit.append("': ");
    append_py_str(lit, items[picks[i]].code);
    lit.append(", 'name': ");
    append_py_str(lit, items[picks[i]].name);
    lit.push_back('}');
  }
  lit.push_back(']');
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Release years lean to recent decades as in TMDB (median around 2000).
int release_year(Rng& rng) {
  uint64_t age = rng.below(143) * rng.below(143) / 143;
  if (rng.below(2)) age = age * rng.below(143) / 143;
  return static_cast<int>(2017 - age);
}

const char* malformed_date(Rng& rng) {
  static const char* kForms[] = {"12/05/1998", "1998-5-7", "19xx-01-01", "1997-02-30", "0000-00-00", "2001-13-01"};
  return kForms[rng.below(std::size(kForms))];
}

// Overview words for a record that is broken across lines: the real broken
// records hold plain text (no comma or quote) around a raw newline.
std::string plain_words(Rng& rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    if (i) s.push_back(' ');
    s.append(pick(english_words(), rng));
  }
  return s;
}

struct MovieText {
  std::string title, original_title, overview, tagline;
};

void append_movie(std::string& out, const Dataset& d, size_t movie, bool repeat) {
  const Catalog& c = d.catalog;
  const Pools& pools = d.pools;
  const MovieRef ref = c.movies[movie];
  const bool broken = c.broken[movie] && !repeat;
  Rng rng(mix64(c.seed, ref.tmdb, 0x3e7a));
  std::string lit;

  const auto& lang = languages()[pools.original_language.pick(rng)];
  MovieText text;
  text.title = make_title(rng);
  text.original_title = (lang.code != "en" && rng.below(3) != 0) ? make_foreign_title(rng) : text.title;

  out.append(rng.chance(200) ? "True," : "False,");
  if (rng.below(100) < 10) {  // belongs_to_collection
    lit.clear();
    lit.append("{'id': ");
    append_uint(lit, 10 + mix64(c.seed, ref.tmdb, 0xc011) % 500000);
    lit.append(", 'name': ");
    append_py_str(lit, text.title + " Collection");
    lit.append(", 'poster_path': ");
    if (rng.below(5) == 0) lit.append("None"); else append_py_str(lit, [&] { std::string p; append_image_path(p, rng); return p; }());
    lit.append(", 'backdrop_path': ");
    if (rng.below(4) == 0) lit.append("None"); else append_py_str(lit, [&] { std::string p; append_image_path(p, rng); return p; }());
    lit.push_back('}');
    append_csv_field(out, lit);
  }
  out.push_back(',');
  uint64_t budget = 0;
  if (rng.below(100) >= 80) {
    budget = rng.below(10) == 0 ? 1 + rng.below(rng.below(2) ? 100 : 900000)
                                : (1 + rng.below(1 + rng.below(250))) * 1000000 / (rng.below(4) == 0 ? 2 : 1);
  }
  append_uint(out, budget);
  out.push_back(',');

  lit.assign(1, '[');
  const auto genre_picks = distinct_picks(pools.genre, list_length(rng, {5, 30, 33, 21, 8, 2, 1}), rng);
  for (size_t i = 0; i < genre_picks.size(); ++i) {
    const IdName& g = genres()[genre_picks[i]];
    if (i) lit.append(", ");
    lit.append("{'id': ");
    append_uint(lit, g.id);
    lit.append(", 'name': ");
    append_py_str(lit, g.name);
    lit.push_back('}');
  }
  lit.push_back(']');
  append_csv_field(out, lit);
  out.push_back(',');
  if (rng.below(100) < 17) {
    out.append("http://www.");
    append_slug(out, text.title);
    out.append(rng.below(3) ? ".com/" : "movie.com/");
  }
  out.push_back(',');
  append_uint(out, ref.tmdb);
  out.push_back(',');
  if (!rng.chance(400)) {
    out.append("tt");
    append_zero_padded(out, ref.imdb, 7);
  }
  out.push_back(',');
  out.append(lang.code);
  out.push_back(',');
  append_csv_field(out, text.original_title);
  out.push_back(',');

  // Overview: ~2% empty, ~1% over several lines (quoted, as pandas writes).
  if (!rng.chance(20000)) {
    text.overview = make_overview(rng, 80 + rng.below(500));
    if (rng.below(100) == 0) {
      const size_t dot = text.overview.find(". ");
      if (dot != std::string::npos) text.overview.replace(dot + 1, 1, rng.below(2) ? "\n" : "\n\n");
    }
  }
  const bool has_tagline = broken || rng.below(100) < 45;
  if (has_tagline) text.tagline = make_tagline(rng);
  if (broken) {
    // The tail line's fields land one column group early: release_date in
    // id, tagline in popularity.
    out.append(plain_words(rng, 8 + rng.below(10)));
    out.append("\n - Written by ");
    out.append(person_name(c.seed, rng.below(100000)));
  } else {
    append_csv_field(out, text.overview);
  }
  out.push_back(',');

  uint64_t popularity = static_cast<uint64_t>(
      (rng.unit() * rng.unit() * rng.unit() * rng.unit() * rng.unit() * 40.0 + rng.unit() * 0.8) * 1e6);
  if (rng.chance(1000)) popularity = 50000000 + rng.below(500000000);
  if (rng.chance(10000)) popularity = 1 + rng.below(99);
  if (repeat && movie % 2 == 1) popularity = popularity / 2 + 1;  // repeats may differ
  append_py_float_micros(out, popularity);
  out.push_back(',');
  if (!rng.chance(9000)) append_image_path(out, rng);
  out.push_back(',');

  lit.assign(1, '[');
  const auto company_picks = distinct_picks(pools.company, list_length(rng, {11, 34, 28, 15, 6, 3, 2, 1}), rng);
  for (size_t i = 0; i < company_picks.size(); ++i) {
    const Company& co = pools.companies[company_picks[i]];
    if (i) lit.append(", ");
    lit.append("{'name': ");
    append_py_str(lit, co.name);
    lit.append(", 'id': ");
    append_uint(lit, co.id);
    lit.push_back('}');
  }
  lit.push_back(']');
  append_csv_field(out, lit);
  out.push_back(',');
  lit.clear();
  append_code_list(lit, "iso_3166_1", countries(), distinct_picks(pools.country, list_length(rng, {7, 74, 13, 4, 1, 1}), rng));
  append_csv_field(out, lit);
  out.push_back(',');

  const int year = release_year(rng);
  const int month = static_cast<int>(1 + rng.below(12));
  const int day = static_cast<int>(1 + rng.below(static_cast<uint64_t>(days_in_month(year, month))));
  if (broken || !(c.malformed_date[movie] || movie % 523 == 100)) append_date(out, year, month, day);
  else if (c.malformed_date[movie]) out.append(malformed_date(rng));
  out.push_back(',');
  uint64_t revenue = 0;
  if (budget > 0 ? rng.below(100) < 65 : rng.below(100) < 5) {
    const uint64_t base = budget > 1000 ? budget : 1000000 * (1 + rng.below(40));
    revenue = base / 10 * (1 + rng.below(60)) / 2 + rng.below(1000000);
  }
  append_uint(out, revenue);
  out.push_back(',');
  if (!rng.chance(6000)) {
    append_uint(out, rng.chance(34000) ? 0 : 70 + rng.below(45) + rng.below(1 + rng.below(80)));
    out.append(".0");
  }
  out.push_back(',');
  lit.clear();
  append_code_list(lit, "iso_639_1", languages(), distinct_picks(pools.spoken_language, list_length(rng, {4, 72, 16, 5, 2, 1}), rng));
  append_csv_field(out, lit);
  out.push_back(',');
  out.append(statuses()[pools.status.pick(rng)].code);
  out.push_back(',');
  append_csv_field(out, text.tagline);
  out.push_back(',');
  append_csv_field(out, text.title);
  out.append(rng.chance(2000) ? ",True," : ",False,");
  const uint64_t votes = rng.below(100) < 6 ? 0 : rng.below(1 + rng.below(1 + rng.below(15000)));
  append_tenths(out, votes == 0 ? 0 : std::min<uint64_t>(100, 20 + rng.below(45) + rng.below(40)));
  out.push_back(',');
  append_uint(out, votes);
  out.push_back('\n');
}

}  // namespace

ChunkFn movies_metadata_csv(std::shared_ptr<const Dataset> data) {
  const size_t rows = data->catalog.metadata_rows.size();
  return row_chunks(kHeader, rows, 2000, [data](std::string& out, size_t row) {
    const uint32_t entry = data->catalog.metadata_rows[row];
    append_movie(out, *data, entry & ~kRepeatBit, (entry & kRepeatBit) != 0);
  });
}

}  // namespace mrun::moviegen
