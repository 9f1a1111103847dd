// Text forms of values that filters produce: JSON (tojson) and Python's
// pprint.pformat (pprint).
#pragma once

#include <string>

#include "jinja/value.h"

namespace mrun::jinja {

/// JSON as Jinja2's tojson (json.dumps with sorted keys, HTML-safe escapes);
/// indent > 0 pretty-prints. Throws EvalError for values JSON cannot hold.
std::string json_dump(const Value& v, int indent, int level);
/// pprint.pformat(v, width=80) with `indent` columns already used and
/// `allowance` columns needed after it.
std::string pformat(const Value& v, size_t indent, size_t allowance);

}  // namespace mrun::jinja
