#include "project/publish_config.h"

namespace mrun::project {

PublishMode publish_mode_of(const std::string& text, const SourceLocation& where) {
  if (text == "atomic") return PublishMode::Atomic;
  if (text == "per_node") return PublishMode::PerNode;
  throw ConfigError(where, "publish must be atomic or per_node, not '" + text + "'");
}

const char* publish_mode_name(PublishMode mode) { return mode == PublishMode::Atomic ? "atomic" : "per_node"; }

}  // namespace mrun::project
