// Node selection with dbt's `--select/-s` and `--exclude` syntax.
//
//   value forms   name, fqn path (movies.staging.stg_x, staging), file path
//                 (contains '/' -> path:, ends with .sql/.py/.csv -> file:),
//                 method:value with methods fqn, path, file, tag, source,
//                 resource_type, package, config.<key>[.<subkey>], test_type,
//                 test_name; Unix wildcards (* ? [a-z]) in values.
//   graph ops     +m (ancestors), m+ (descendants), 2+m / m+3 (depth
//                 limited), @m (m, its descendants and their ancestors).
//   set ops       words of one argument and several arguments: union;
//                 `a,b` inside a word: intersection; --exclude: difference.
//
// Tests are picked up indirectly the way dbt does (--indirect-selection,
// default eager: a test is selected when any node it tests is). Disabled
// nodes (config enabled: false) are never selected and never walked through.
//
// Cost: each criterion is one O(N) match pass plus O(N + E) graph walks, and
// set operations are O(N) masks, so a selection is O((N + E) * criteria);
// ordering the result is one O(N log N + E) topological sort.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/manifest.h"

namespace mrun::graph {

/// dbt's --indirect-selection modes: which tests follow the nodes they test.
enum class IndirectSelection {
  Eager,      ///< a test whose any parent is selected (dbt's default)
  Cautious,   ///< a test whose every parent is selected
  Buildable,  ///< a test whose every parent is selected or an ancestor of the selection
  Empty,      ///< no test is added indirectly
};

/// How select_nodes treats tests and resource types.
struct SelectOptions {
  /// Which tests follow the nodes they test (dbt's --indirect-selection).
  IndirectSelection indirect = IndirectSelection::Eager;
  /// Kinds kept in the result (applied after selection, like dbt's task
  /// filters: `run` keeps models only); empty keeps every kind.
  std::vector<NodeKind> resource_types;
};

/// One parsed selection criterion such as `2+tag:nightly+` or `@stg_x`.
struct SelectionCriterion {
  std::string method;              ///< "fqn", "path", "file", "tag", "source", "config", ...
  std::vector<std::string> method_args;  ///< config.meta.owner -> {"meta", "owner"}
  std::string value;               ///< what follows "method:", without graph operators
  bool parents = false;            ///< leading '+'
  int parents_depth = -1;          ///< digits before '+' (-1: unlimited)
  bool children = false;           ///< trailing '+'
  int children_depth = -1;         ///< digits after '+' (-1: unlimited)
  bool childrens_parents = false;  ///< leading '@'
};

/// Parses one criterion (no spaces or commas). Throws ConfigError naming the
/// criterion when it is empty, combines '@' with a leading '+', or uses an
/// unknown or unsupported method.
SelectionCriterion parse_criterion(std::string_view text);

/// The indexes of the nodes chosen by `select` (empty: every node) minus
/// those chosen by `exclude`, in topological order (topological_order).
/// Throws ConfigError for a malformed criterion or a cycle; a selection that
/// matches nothing returns an empty vector. `manifest` must be linked.
std::vector<size_t> select_nodes(const Manifest& manifest, const std::vector<std::string>& select,
                                 const std::vector<std::string>& exclude, const SelectOptions& options = {});

/// The indexes of the nodes named by `unique_ids` (a task's own selection,
/// such as `mrun retry`'s: exactly these nodes, no test follows indirectly),
/// of the kinds options.resource_types keeps, in topological order. An id
/// that names no node, or a disabled one, is left out. `manifest` must be
/// linked; throws ConfigError for a cycle.
std::vector<size_t> select_unique_ids(const Manifest& manifest, const std::vector<std::string>& unique_ids,
                                      const SelectOptions& options = {});

/// The NodeKind named by dbt's resource_type ("model", "test", "seed",
/// "source"). Throws ConfigError for other names.
NodeKind parse_resource_type(std::string_view name);

/// Kinds for `--resource-type` values; "all" or "default" (or no value)
/// give an empty vector, meaning every kind. Throws like parse_resource_type.
std::vector<NodeKind> parse_resource_types(const std::vector<std::string>& names);

}  // namespace mrun::graph
