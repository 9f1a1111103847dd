// The output of `mrun ls`, as `dbt ls` prints it: one line per node, sorted
// by unique_id, in one of dbt's output formats.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/manifest.h"

namespace mrun::artifacts {

/// dbt ls --output: selector (default), name, path, json.
enum class ListFormat { Selector, Name, Path, Json };

/// The format named by `--output`. Throws ConfigError for other names.
ListFormat parse_list_format(std::string_view name);

/// How to print the listing.
struct ListOptions {
  ListFormat format = ListFormat::Selector;
  /// json only: keys to keep (dbt's --output-keys); empty keeps dbt's
  /// default keys (alias, config, depends_on, name, original_file_path,
  /// package_name, resource_type, source_name, tags, unique_id).
  std::vector<std::string> output_keys;
  /// Kinds to list (--resource-type); empty lists every kind.
  std::vector<graph::NodeKind> resource_types;
};

/// One line per node of `selected` (indexes into manifest.nodes) of an
/// allowed kind, sorted by unique_id. Selector: the fqn joined by dots
/// ("movies.staging.stg_movies"), "source:movies.raw.links" for sources.
/// Name: the name ("raw.links" for sources). Path: original_file_path.
/// Json: one compact object per line with sorted keys. Never fails.
std::vector<std::string> list_nodes(const graph::Manifest& manifest, const std::vector<size_t>& selected,
                                    const ListOptions& options = {});


}  // namespace mrun::artifacts
