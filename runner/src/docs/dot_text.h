// What the lineage pictures of the docs site share: the fill colour of a
// node by its kind (sources green, seeds sand, models blue). The pictures'
// DOT is written by the pages' scripts (lineage.js, column_lineage.js).
#pragma once

#include <string>

#include "graph/manifest.h"

namespace mrun::docs {

/// The fill colour of `node` in lineage pictures ("#rrggbb").
const char* lineage_fill(const graph::Node& node);

}  // namespace mrun::docs
