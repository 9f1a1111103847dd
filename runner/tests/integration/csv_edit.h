// Editing a CSV file record by record, for tests that make a variant of a
// generated dataset (a movie removed, a value corrected). Records are read
// with the loader's RFC 4180 scanner, so quoted fields with commas and line
// breaks stay whole; records left alone are written back byte for byte.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mrun::test {

/// What to do with one record: nullopt keeps it as it is; an empty vector
/// drops it; anything else replaces its fields.
using CsvEdit = std::function<std::optional<std::vector<std::string>>(const std::vector<std::string>& fields)>;

/// Rewrites `path`, calling `edit` on every record after the header. Returns
/// how many records were dropped or replaced. Lines end with "\n".
int edit_csv(const std::string& path, const CsvEdit& edit);

}  // namespace mrun::test
