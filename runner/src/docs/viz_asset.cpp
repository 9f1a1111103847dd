#include "docs/viz_asset.h"

#include <cstddef>

#ifdef MRUN_VIZ_JS
// The file itself, in the binary's read-only data (the assembler's .incbin).
asm(".pushsection .rodata\n"
    ".global mrun_viz_js_start\n"
    "mrun_viz_js_start:\n"
    ".incbin \"" MRUN_VIZ_JS "\"\n"
    ".global mrun_viz_js_end\n"
    "mrun_viz_js_end:\n"
    ".popsection\n");
extern "C" const char mrun_viz_js_start[];
extern "C" const char mrun_viz_js_end[];
#endif

namespace mrun::docs {

std::string_view viz_js() {
#ifdef MRUN_VIZ_JS
  return {mrun_viz_js_start, static_cast<size_t>(mrun_viz_js_end - mrun_viz_js_start)};
#else
  return {};
#endif
}

}  // namespace mrun::docs
