// modules.re: Python's `re` module for templates, over std::regex
// (ECMAScript). Python's syntax is translated: named groups (?P<name>...)
// and (?P=name), inline flags at the start ((?i), (?m), (?s), (?x) is
// refused), \A and \Z; flags re.IGNORECASE/I, MULTILINE/M, DOTALL/S.
// Functions: match, fullmatch, search, findall, finditer, sub, subn, split,
// compile (a Pattern with the same methods), escape. Replacements use
// Python's \1, \g<1>, \g<name>, or a macro called with the Match. Match
// objects: group(), groups(), groupdict(), start(), end(), span(), string.
// Lookbehind, possessive and atomic groups are errors naming the pattern.
#pragma once

#include "jinja/value.h"

namespace mrun::parse {

/// The `re` module object.
jinja::Value python_re_module();

}  // namespace mrun::parse
