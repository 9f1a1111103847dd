// A source's freshness rule, as dbt reads it from schema files:
//
//   sources:
//     - name: raw
//       loaded_at_field: _loaded_at        # an SQL expression; tables inherit it
//       freshness:                         # tables inherit it; `freshness: null` on a table turns it off
//         warn_after: {count: 12, period: hour}
//         error_after: {count: 1, period: day}
//         filter: _loaded_at > now() - interval '7 days'
//       tables:
//         - name: people
//
// and what a measured age means against it: pass, warn or error.
#pragma once

#include <optional>
#include <string>

#include "util/error.h"

namespace mrun::project {

/// `{count: 12, period: hour}`.
struct FreshnessThreshold {
  long long count = 0;
  std::string period;  ///< minute, hour or day

  /// The threshold in seconds.
  double seconds() const;
  /// "12 hour".
  std::string str() const { return std::to_string(count) + " " + period; }
};

/// A `freshness:` block.
struct FreshnessRule {
  std::optional<FreshnessThreshold> warn_after;
  std::optional<FreshnessThreshold> error_after;
  std::string filter;  ///< an SQL condition on the rows counted; empty: all
  SourceLocation where;

  /// "pass", "warn" or "error" for data `age_seconds` old.
  std::string status_for(double age_seconds) const;
};

/// A source's or a table's freshness settings as written (a table's
/// `freshness` overrides its source's, `null` included).
struct FreshnessSetting {
  bool written = false;                ///< the key is there (`freshness: null` counts)
  std::optional<FreshnessRule> rule;   ///< nullopt: freshness is off
  std::string loaded_at_field;         ///< empty: not given here
};

/// The rule that applies to a table: the table's when it writes one
/// (`null` turns it off), else its source's.
std::optional<FreshnessRule> effective_freshness(const FreshnessSetting& source, const FreshnessSetting& table);

/// The loaded_at_field that applies to a table: the table's, else its source's.
std::string effective_loaded_at_field(const FreshnessSetting& source, const FreshnessSetting& table);

}  // namespace mrun::project
