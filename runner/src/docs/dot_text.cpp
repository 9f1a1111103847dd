#include "docs/dot_text.h"

namespace mrun::docs {

const char* lineage_fill(const graph::Node& node) {
  switch (node.kind) {
    case graph::NodeKind::Source: return "#d9f2d9";
    case graph::NodeKind::Seed: return "#f2ecd9";
    default: return "#dce8f7";
  }
}

}  // namespace mrun::docs
