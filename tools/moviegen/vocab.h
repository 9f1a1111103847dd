// Fixed vocabularies of the generated dataset: TMDB genres, countries,
// languages, crew jobs and the word pools that titles, names and overviews
// are made of. Weights follow the real dataset's frequencies roughly.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace mrun::moviegen {

/// A TMDB entity with a numeric id (genres, well-known companies).
struct IdName {
  uint32_t id;
  std::string_view name;
  uint32_t weight;  ///< relative frequency in the real data
};

/// A coded entity (countries by ISO 3166-1, languages by ISO 639-1).
struct CodeName {
  std::string_view code;
  std::string_view name;  ///< may be empty, as for some real languages
  uint32_t weight;
};

/// A crew job and the department TMDB files it under.
struct CrewJob {
  std::string_view department;
  std::string_view job;
  uint32_t weight;
};

/// Returns the 20 TMDB movie genres.
std::span<const IdName> genres();
/// Returns the production companies that lead the real popularity ranking.
std::span<const IdName> famous_companies();
/// Returns the production countries.
std::span<const CodeName> countries();
/// Returns the spoken languages (native names, as TMDB writes them).
std::span<const CodeName> languages();
/// Returns the crew jobs.
std::span<const CrewJob> crew_jobs();
/// Returns the movie statuses with their weights.
std::span<const CodeName> statuses();

/// Returns English words for titles, overviews and keywords.
std::span<const std::string_view> english_words();
/// Returns words in other scripts and accented words (UTF-8).
std::span<const std::string_view> foreign_words();
/// Returns given names, some non-ASCII.
std::span<const std::string_view> first_names();
/// Returns family names, some non-ASCII, some with apostrophes (O'Brien).
std::span<const std::string_view> last_names();
/// Returns company name endings ("Pictures", "Films", ...).
std::span<const std::string_view> company_suffixes();

}  // namespace mrun::moviegen
