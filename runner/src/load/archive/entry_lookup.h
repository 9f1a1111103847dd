// Finding a file of a dataset by name: the exact name, or the same base name
// inside a folder ("ratings.csv" finds "the-movies-dataset/ratings.csv").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mrun::load {

/// Index in `names` of `wanted`: the exact name first, else the one name whose
/// last path component equals `wanted`. Returns nullopt when nothing matches;
/// throws RunError listing the candidates when several folders hold that base
/// name (`origin` names the dataset in the message).
std::optional<size_t> find_entry(const std::vector<std::string>& names, const std::string& wanted,
                                 const std::string& origin);

/// The last path component of `name` ("a/b/c.csv" -> "c.csv").
std::string base_name(const std::string& name);

/// Throws RunError: `wanted` is not in dataset `origin`, listing what is there.
[[noreturn]] void throw_missing_entry(const std::vector<std::string>& names, const std::string& wanted,
                                      const std::string& origin);

}  // namespace mrun::load
