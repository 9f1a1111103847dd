// viz.js: Graphviz compiled to WebAssembly (npm @viz-js/viz, its
// dist/viz-global.js with the WebAssembly inside), which lays out the
// lineage pictures of the docs site in the browser. Installed from npm at
// build time (tools/docs-site, `npm ci`, done by tools/setup.sh) and
// bundled into the mrun binary, so `docs generate` copies it into every
// site and the site needs no network.
#pragma once

#include <string_view>

namespace mrun::docs {

/// The text of viz-global.js, or "" when mrun was built without it.
std::string_view viz_js();

}  // namespace mrun::docs
