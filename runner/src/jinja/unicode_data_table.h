// The generated Unicode tables behind unicode_data.h (unicode_data_table.cpp,
// written by tools/unicode/generate_unicode_data.py from Python's own str
// methods). Only unicode_data.cpp reads them.
#pragma once

#include <cstdint>
#include <span>

namespace mrun::jinja::unicode_table {

/// Code points from `first` up to the next run's first have the properties
/// `properties` (bits of UnicodeProperty). Sorted by first; the first run starts at 0.
struct PropertyRun {
  uint32_t first;
  uint16_t properties;
};

/// A code point whose mapping differs from itself: one to three code points
/// (unused ones are 0). Sorted by code_point.
struct CaseMappingEntry {
  uint32_t code_point;
  uint32_t to[3];
};

extern const std::span<const PropertyRun> property_runs;
extern const std::span<const CaseMappingEntry> upper_mappings;
extern const std::span<const CaseMappingEntry> lower_mappings;
extern const std::span<const CaseMappingEntry> title_mappings;
extern const std::span<const CaseMappingEntry> fold_mappings;

}  // namespace mrun::jinja::unicode_table
