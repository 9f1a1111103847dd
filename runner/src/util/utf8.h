// UTF-8 encoding of code points: the Jinja engine (chr, escapes, slicing)
// and the loader's Python-literal parser (\uNNNN, \xNN) both write them.
#pragma once

#include <cstdint>
#include <string>

namespace mrun {

/// Appends the UTF-8 encoding of `cp` (at most U+10FFFF; callers that must
/// reject surrogates check them first) to `out`: 1 to 4 bytes.
void append_utf8(std::string& out, uint32_t cp);

}  // namespace mrun
