#include "artifacts/node_listing.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "artifacts/manifest_json.h"
#include "util/strings.h"

namespace mrun::artifacts {

using graph::NodeKind;

namespace {

const std::vector<std::string> kDefaultJsonKeys = {"alias",        "config",  "depends_on",   "name",
                                                   "original_file_path", "package_name", "resource_type",
                                                   "source_name",  "tags",    "unique_id"};

std::string json_line(const graph::Manifest& m, size_t index, const std::vector<std::string>& keys) {
  nlohmann::ordered_json full = nlohmann::ordered_json::parse(node_json(m, index));
  // nlohmann::json keeps keys sorted at every level, like dbt's sort_keys.
  nlohmann::json picked = nlohmann::json::object();
  for (const auto& key : keys.empty() ? kDefaultJsonKeys : keys) {
    auto it = full.find(key);
    if (it != full.end()) picked[key] = nlohmann::json::parse(it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return picked.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

ListFormat parse_list_format(std::string_view name) {
  if (name == "selector") return ListFormat::Selector;
  if (name == "name") return ListFormat::Name;
  if (name == "path") return ListFormat::Path;
  if (name == "json") return ListFormat::Json;
  throw ConfigError("unknown output format '" + std::string(name) + "' (expected selector, name, path or json)");
}

std::vector<std::string> list_nodes(const graph::Manifest& m, const std::vector<size_t>& selected,
                                    const ListOptions& options) {
  std::vector<size_t> shown;
  const auto& kinds = options.resource_types;
  for (size_t i : selected) {
    if (kinds.empty() || std::find(kinds.begin(), kinds.end(), m.nodes[i].kind) != kinds.end()) shown.push_back(i);
  }
  std::sort(shown.begin(), shown.end(), [&](size_t a, size_t b) { return m.nodes[a].unique_id < m.nodes[b].unique_id; });

  std::vector<std::string> lines;
  lines.reserve(shown.size());
  for (size_t i : shown) {
    const graph::Node& node = m.nodes[i];
    const bool is_source = node.kind == NodeKind::Source;
    switch (options.format) {
      case ListFormat::Selector:
        lines.push_back(is_source ? "source:" + node.package + "." + node.source_name + "." + node.name
                                  : join(node.fqn, "."));
        break;
      case ListFormat::Name:
        lines.push_back(is_source ? node.source_name + "." + node.name : node.name);
        break;
      case ListFormat::Path:
        lines.push_back(node.original_file_path);
        break;
      case ListFormat::Json:
        lines.push_back(json_line(m, i, options.output_keys));
        break;
    }
  }
  return lines;
}

}  // namespace mrun::artifacts
