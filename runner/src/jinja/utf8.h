// Minimal UTF-8 helpers: templates are UTF-8 and Python counts code points.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/utf8.h"  // append_utf8

namespace mrun::jinja {

/// Decodes the code point at s[i] and advances i; invalid bytes decode as
/// themselves (one byte each), so any input is accepted.
uint32_t utf8_next(std::string_view s, size_t& i);
/// Number of code points in `s`.
size_t utf8_length(std::string_view s);
/// The code points of `s` as separate strings (Python's list('abc')).
std::vector<std::string> utf8_chars(std::string_view s);
/// Upper/lower case of `cp` for ASCII, Latin-1, Latin Extended-A, the
/// digraphs of Latin Extended-B (Ǆ ǅ ǆ ...), Greek and Cyrillic letters;
/// other code points are returned unchanged.
uint32_t cp_upper(uint32_t cp);
uint32_t cp_lower(uint32_t cp);
/// Title case of `cp` (Python's str.title and capitalize for a word's first
/// letter): the digraphs' own title-case letter (ǆ -> ǅ), else cp_upper.
uint32_t cp_title(uint32_t cp);
/// Whether `cp` is a title-case letter (ǅ ǈ ǋ ǲ): cased, neither upper nor lower.
bool cp_is_title(uint32_t cp);
/// Whether `cp` is an upper (a lower) case letter, as str.isupper (islower) counts them.
bool cp_is_upper(uint32_t cp);
bool cp_is_lower(uint32_t cp);
/// Whether cp_upper or cp_lower changes `cp`, or it is a cased letter.
bool cp_is_cased(uint32_t cp);
/// Whether `cp` is white space for Python's str.isspace()/split().
bool is_py_space(uint32_t cp);

}  // namespace mrun::jinja
