// Python's operator semantics on Values: arithmetic, comparison, `in`,
// subscripts, slices and iteration, with Jinja2's Undefined rules. Failures
// throw EvalError (the evaluator adds the template location).
#pragma once

#include <string>
#include <vector>

#include "jinja/ast.h"
#include "jinja/value.h"

namespace mrun::jinja {

/// Python's type name of a value ('int', 'str', 'dict', ...).
std::string type_name(const Value& v);
/// Throws the UndefinedError for an undefined value.
[[noreturn]] void fail_undefined(const Value& v);
/// `a op b` for arithmetic operators.
Value binary_op(ast::BinOp op, const Value& a, const Value& b);
/// `-a` (negate) or `+a`.
Value unary_op(bool negate, const Value& a);
/// `a op b` for comparisons (including in / not in).
bool compare(ast::CmpOp op, const Value& a, const Value& b);
/// Python ordering a < b; throws TypeError when not comparable.
bool less_than(const Value& a, const Value& b);
/// `item in container`.
bool contains(const Value& container, const Value& item);
/// obj[key] with Jinja2's fallback to attributes and to Undefined.
Value get_item(const Value& obj, const Value& key);
/// obj.name with Jinja2's fallback to items and to Undefined.
Value get_attr(const Value& obj, const std::string& name);
/// obj[start:stop:step] for strings, lists and tuples (null Values = omitted).
Value slice(const Value& obj, const Value& start, const Value& stop, const Value& step);
/// The items a `for` loop visits: list items, dict keys, string characters.
/// Undefined gives nothing unless `strict`; other kinds throw.
std::vector<Value> iterate(const Value& v, bool strict);
/// Python len(); throws for values without a length.
int64_t length(const Value& v);
/// HTML-escapes `s` as markupsafe.escape does (& < > ' ").
std::string html_escape(std::string_view s);
/// Throws "unhashable type" for lists and dicts used as keys.
void check_hashable(const Value& key);

}  // namespace mrun::jinja
