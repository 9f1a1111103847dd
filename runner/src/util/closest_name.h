// "Did you mean ...?": the known name closest to a mistyped one, by edit
// distance (Levenshtein: insertions, deletions, substitutions; an adjacent
// swap counts as two).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mrun {

/// The number of single-character edits that turn `a` into `b`.
size_t edit_distance(std::string_view a, std::string_view b);

/// The name in `names` closest to `typed`, when it is close enough to be a
/// likely typo (at most a third of its length, and at least 1 edit, away);
/// "" otherwise. Ties go to the first in `names`.
std::string closest_name(std::string_view typed, const std::vector<std::string>& names);

}  // namespace mrun
