// Unicode as Python's str sees it: character properties (str.isupper,
// isalpha, isdigit, ... of one code point; Cased and Case_Ignorable for the
// case rules) and the full case mappings of str.upper/lower/title/casefold,
// one code point to up to three ('ß'.upper() is 'SS', 'ﬁ'.upper() 'FI',
// 'İ'.lower() 'i̇'). The data is generated from Python itself
// (tools/unicode/generate_unicode_data.py -> unicode_data_table.cpp); the
// context rule of lower() for the Greek final sigma is in strings_py.cpp.
#pragma once

#include <cstdint>
#include <string>

namespace mrun::jinja {

/// One bit per property; a code point's properties are an OR of them.
enum UnicodeProperty : uint16_t {
  kUpper = 1 << 0,               ///< str.isupper() of the code point
  kLower = 1 << 1,               ///< str.islower()
  kTitle = 1 << 2,               ///< a title-case letter (ǅ ǈ ǋ ǲ ᾈ ...): istitle() and not isupper()
  kCased = 1 << 3,               ///< Unicode's Cased
  kCaseIgnorable = 1 << 4,       ///< Unicode's Case_Ignorable
  kAlpha = 1 << 5,               ///< str.isalpha()
  kDecimal = 1 << 6,             ///< str.isdecimal()
  kDigit = 1 << 7,               ///< str.isdigit()
  kNumeric = 1 << 8,             ///< str.isnumeric()
  kSpace = 1 << 9,               ///< str.isspace()
  kPrintable = 1 << 10,          ///< str.isprintable()
  kIdentifierStart = 1 << 11,    ///< may start an identifier (XID_Start and '_')
  kIdentifierContinue = 1 << 12  ///< may continue one (XID_Continue)
};

/// Whether `cp` has property `p`.
bool has_property(uint32_t cp, UnicodeProperty p);
/// str.isalnum() of one code point: alpha, decimal, digit or numeric
/// (Python's regular expressions' \w is this or '_').
bool is_alnum(uint32_t cp);

/// Which of Python's full case mappings.
enum class CaseMapping { upper, lower, title, fold };
/// Appends the mapping of `cp` (one to three code points) to `out` as UTF-8.
/// `lower` maps Σ to σ: the final form ς depends on context (py_lower).
void append_case_mapping(std::string& out, uint32_t cp, CaseMapping which);

}  // namespace mrun::jinja
