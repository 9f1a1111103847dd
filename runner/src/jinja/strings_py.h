// Python str methods on UTF-8 text, with Python's Unicode rules (unicode_data.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jinja/value.h"

namespace mrun::jinja {

/// str.upper() / str.lower() / str.casefold(): full case mappings ('ß' -> 'SS'),
/// lower() with the Greek final sigma ('ΟΔΟΣ' -> 'οδος').
std::string py_upper(std::string_view s);
std::string py_lower(std::string_view s);
std::string py_casefold(std::string_view s);
/// str.strip(chars) on the chosen sides; chars None strips white space.
std::string py_strip(std::string_view s, const Value& chars, bool left, bool right);
/// str.split(sep, maxsplit) / rsplit; sep None splits on runs of white space.
std::vector<std::string> py_split(std::string_view s, const Value& sep, int64_t maxsplit, bool from_right);
/// str.replace(old, new, count) (count < 0: all).
std::string py_replace(std::string_view s, std::string_view from, std::string_view to, int64_t count);
/// str.title() and str.capitalize().
std::string py_title(std::string_view s);
std::string py_capitalize(std::string_view s);
/// str.count(sub).
int64_t py_count(std::string_view s, std::string_view sub);
/// Number of code points in s[0, bytes).
size_t utf8_prefix_length(std::string_view s, size_t bytes);
/// str.isdigit/isalpha/isupper/islower/isspace/isidentifier/... (`which` names the method).
bool py_is(std::string_view s, std::string_view which);
/// str.swapcase(): upper case letters lowered and lower case ones raised.
std::string py_swapcase(std::string_view s);
/// str.expandtabs(tabsize): each tab to spaces up to the next multiple of tabsize.
std::string py_expandtabs(std::string_view s, int64_t tabsize);
/// str.zfill/ljust/rjust/center (`which` names the method).
std::string py_pad(std::string_view s, std::string_view which, int64_t width, std::string_view fill);

}  // namespace mrun::jinja
