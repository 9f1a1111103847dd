// Laying out graphs with Graphviz's `dot` (Debian package graphviz): many
// small DOT graphs in a few processes (one per core, each given a file of
// graphs and writing one SVG per graph with -O), so thousands of lineage
// pictures cost a few program starts, not thousands.
#pragma once

#include <string>
#include <vector>

namespace mrun::docs {

/// True when `dot` is on the PATH.
bool graphviz_available();

/// The SVG of each DOT graph of `graphs`, in order, as an <svg> element
/// (no XML prolog), to inline in HTML. Throws RunError when dot is missing
/// or fails (with its output).
std::vector<std::string> render_svgs(const std::vector<std::string>& graphs);

}  // namespace mrun::docs
