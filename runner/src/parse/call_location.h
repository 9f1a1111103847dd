// Where in a template a ref() or source() call is written, for errors that
// point at it: the dbt context records which names a node refers to, not
// where, so the call is found again in the node's raw code.
#pragma once

#include <string>
#include <vector>

#include "util/error.h"

namespace mrun::parse {

/// The place of the first call `function('arg1', 'arg2', ...)` in `code`
/// (quotes ' or ", spaces allowed around arguments), as a location in
/// `file` whose line of code is kept for a caret; `fallback` when the call
/// is not written literally (built by a macro, say).
struct CallLocation {
  SourceLocation where;
  std::string line_text;  ///< the template line holding the call ("" when not found)
};
CallLocation find_call(const std::string& code, const std::string& function, const std::vector<std::string>& args,
                       const SourceLocation& fallback);

/// "\n<line>\n<spaces>^" under the call's column, or "" when not found.
std::string caret_lines(const CallLocation& call);

}  // namespace mrun::parse
