// Python literals (as written by Python's repr: `[{'id': 16, 'name': 'Animation'}]`,
// `{'name': "Pete's Dragon", 'x': None}`) converted to JSON text for jsonb.
//
// A real parser, not a quote swap: single, double and triple quoted strings
// with every backslash escape, r/u prefixes, adjacent string concatenation,
// None/True/False, lists, tuples, sets (as JSON arrays), dicts, and numbers
// whose digits are kept exactly (1.10 stays 1.10; 0x1F becomes 31).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mrun::load {

/// Why a text is not a Python literal, and where (0-based byte offset).
struct PythonLiteralError {
  size_t offset = 0;
  std::string message;
};

/// Appends the JSON form of the Python literal `text` to `json`. Returns
/// false (with `error` set, `json` partly written) when `text` is not a
/// literal or holds what jsonb cannot store (a NUL character, a lone
/// surrogate, bytes, a dict key that is a list or dict).
bool python_literal_to_json(std::string_view text, std::string& json, PythonLiteralError& error);

}  // namespace mrun::load
