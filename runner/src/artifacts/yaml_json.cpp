#include "artifacts/yaml_json.h"

#include <nlohmann/json.hpp>
#include <variant>

#include "project/yaml_scalar.h"

namespace mrun::artifacts {

namespace {

nlohmann::ordered_json scalar_json(const YAML::Node& node) {
  return std::visit(
      [](const auto& v) -> nlohmann::ordered_json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
          return nullptr;
        } else {
          return v;
        }
      },
      project::read_scalar(node));
}

}  // namespace

nlohmann::ordered_json yaml_to_json(const YAML::Node& node) {
  if (!node || node.IsNull()) return nullptr;
  if (node.IsScalar()) {
    return scalar_json(node);
  }
  if (node.IsSequence()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& item : node) out.push_back(yaml_to_json(item));
    return out;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& kv : node) out[kv.first.Scalar()] = yaml_to_json(kv.second);
  return out;
}

}  // namespace mrun::artifacts
