#include "load/archive/entry_lookup.h"

#include "util/error.h"
#include "util/strings.h"

namespace mrun::load {

std::string base_name(const std::string& name) {
  size_t slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

std::optional<size_t> find_entry(const std::vector<std::string>& names, const std::string& wanted,
                                 const std::string& origin) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == wanted) return i;
  std::string want_base = base_name(wanted);
  std::optional<size_t> found;
  std::vector<std::string> candidates;
  for (size_t i = 0; i < names.size(); ++i) {
    if (base_name(names[i]) != want_base) continue;
    // "dir/x.csv" asked for: only entries that end with that relative path.
    if (want_base != wanted && !names[i].ends_with("/" + wanted)) continue;
    candidates.push_back(names[i]);
    found = i;
  }
  if (candidates.size() > 1)
    throw RunError(origin + ": '" + wanted + "' is ambiguous, it matches " + join(candidates, ", "));
  return found;
}

void throw_missing_entry(const std::vector<std::string>& names, const std::string& wanted,
                         const std::string& origin) {
  std::string listing = names.empty() ? "(no files)" : join(names, ", ");
  if (listing.size() > 500) listing = listing.substr(0, 500) + "...";
  throw RunError(origin + ": no file named '" + wanted + "' (it has: " + listing + ")");
}

}  // namespace mrun::load
