#include "jinja/unicode_data.h"

#include <algorithm>

#include "jinja/unicode_data_table.h"
#include "util/utf8.h"

namespace mrun::jinja {

namespace {

uint16_t properties_of(uint32_t cp) {
  const auto& runs = unicode_table::property_runs;
  auto after = std::upper_bound(runs.begin(), runs.end(), cp,
                                [](uint32_t c, const unicode_table::PropertyRun& run) { return c < run.first; });
  return after == runs.begin() ? 0 : std::prev(after)->properties;
}

std::span<const unicode_table::CaseMappingEntry> table_of(CaseMapping which) {
  switch (which) {
    case CaseMapping::upper: return unicode_table::upper_mappings;
    case CaseMapping::lower: return unicode_table::lower_mappings;
    case CaseMapping::title: return unicode_table::title_mappings;
    case CaseMapping::fold: return unicode_table::fold_mappings;
  }
  return {};
}

}  // namespace

bool has_property(uint32_t cp, UnicodeProperty p) { return (properties_of(cp) & p) != 0; }

bool is_alnum(uint32_t cp) { return (properties_of(cp) & (kAlpha | kDecimal | kDigit | kNumeric)) != 0; }

void append_case_mapping(std::string& out, uint32_t cp, CaseMapping which) {
  if (cp < 0x80) {  // the common case, without a search
    bool raise = which == CaseMapping::upper || which == CaseMapping::title;
    if (raise && cp >= 'a' && cp <= 'z') cp -= 32;
    else if (!raise && cp >= 'A' && cp <= 'Z') cp += 32;
    out += static_cast<char>(cp);
    return;
  }
  auto table = table_of(which);
  auto it = std::lower_bound(table.begin(), table.end(), cp,
                             [](const unicode_table::CaseMappingEntry& e, uint32_t c) { return e.code_point < c; });
  if (it == table.end() || it->code_point != cp) {
    append_utf8(out, cp);
    return;
  }
  for (uint32_t to : it->to)
    if (to) append_utf8(out, to);
}

}  // namespace mrun::jinja
