// Made-up text in the shape of the real dataset: titles, overviews,
// taglines, people, companies, keywords, image paths and credit ids. All of
// it is drawn from the word pools in vocab.h with a caller-supplied Rng.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "rng.h"

namespace mrun::moviegen {

/// Returns a uniformly chosen element of pool (which must not be empty).
template <class T>
const T& pick(std::span<const T> pool, Rng& rng) {
  return pool[rng.below(pool.size())];
}

/// Returns an English-style title, sometimes possessive ("Pete's Dragon")
/// or with a subtitle.
std::string make_title(Rng& rng);

/// Returns a title for a movie whose original language is not English
/// (accented or non-Latin words).
std::string make_foreign_title(Rng& rng);

/// Returns overview text of roughly min_chars or more: sentences with
/// commas, apostrophes, now and then a "quoted phrase" or accented word.
std::string make_overview(Rng& rng, size_t min_chars);

/// Returns a short tagline.
std::string make_tagline(Rng& rng);

/// Returns the name of person number person (stable for a seed).
std::string person_name(uint64_t seed, uint64_t person);

/// Returns the gender code (0 unknown, 1 female, 2 male) of a person.
int person_gender(uint64_t seed, uint64_t person);

/// Returns a cast character name: a role, a nickname in quotes
/// (Savannah 'Vannah' Jackson), "Himself", "(voice)" and rare oddities
/// (backslash, no-break space) that Python escapes.
std::string make_character(Rng& rng);

/// Returns the name of the keyword with popularity rank rank (stable).
std::string keyword_name(uint64_t seed, uint64_t rank);

/// Returns the name of the generated company with popularity rank rank.
std::string company_name(uint64_t seed, uint64_t rank);

/// Appends a TMDB image path: '/' + 27 letters/digits + ".jpg".
void append_image_path(std::string& out, Rng& rng);

/// Appends a TMDB credit id: 24 lowercase hex digits.
void append_credit_id(std::string& out, Rng& rng);

/// Appends a lowercase slug of text (letters and digits only) for URLs.
void append_slug(std::string& out, std::string_view text);

}  // namespace mrun::moviegen
