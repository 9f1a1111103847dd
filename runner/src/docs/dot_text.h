// What the DOT graphs of the docs site share: quoting text for DOT, and the
// fill colour of a node by its kind (sources green, seeds sand, models blue).
#pragma once

#include <string>

#include "graph/manifest.h"

namespace mrun::docs {

/// `text` as a DOT double-quoted string, quotes included.
std::string dot_quoted(const std::string& text);

/// The fill colour of `node` in lineage pictures ("#rrggbb").
const char* lineage_fill(const graph::Node& node);

}  // namespace mrun::docs
