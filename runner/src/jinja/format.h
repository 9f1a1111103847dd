// Python's two string formatting languages: printf-style ('%s' % x, the
// `format` filter) and str.format ('{} {name:>5}'.format(...)).
#pragma once

#include <string>
#include <string_view>

#include "jinja/value.h"

namespace mrun::jinja {

/// `fmt % args`: args is a tuple of values, a dict (for %(name)s) or one
/// value. Throws EvalError on a bad format or argument mismatch.
std::string percent_format(std::string_view fmt, const Value& args);
/// `fmt.format(*args, **kwargs)`. Throws EvalError on a bad format.
std::string brace_format(std::string_view fmt, const CallArgs& args);
/// Formats one value with a format spec ("{:spec}" / format(v, spec)).
std::string format_spec(const Value& v, std::string_view spec);

}  // namespace mrun::jinja
