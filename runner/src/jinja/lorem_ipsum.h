// Jinja2's `lipsum(n=5, html=True, min=20, max=100)` global, written from
// its documentation: `n` paragraphs of lorem ipsum, each of `min` to `max`
// words (at random, as in Jinja2, so no two renders need agree), in sentences
// that start with a capital and end with a full stop; with `html`, each
// paragraph in <p>...</p> and the whole marked safe.
#pragma once

#include "jinja/value.h"

namespace mrun::jinja {

/// The text of `lipsum(...)`; EvalError for a bad argument (e.g. min > max).
Value lorem_ipsum(CallArgs& args);

}  // namespace mrun::jinja
