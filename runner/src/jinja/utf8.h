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
/// The code points of `s`.
std::vector<uint32_t> utf8_code_points(std::string_view s);
/// The code points of `s` as separate strings (Python's list('abc')).
std::vector<std::string> utf8_chars(std::string_view s);
/// Whether `cp` is white space for Python's str.isspace()/split().
bool is_py_space(uint32_t cp);

}  // namespace mrun::jinja
