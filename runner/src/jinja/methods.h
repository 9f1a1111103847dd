// The Python methods templates call on builtin values: str (upper, split,
// format, ...), dict (items, get, ...) and list (append, ...).
#pragma once

#include <string>

#include "jinja/value.h"

namespace mrun::jinja {

/// Whether `obj` (a str, dict or list) has a Python method `name`.
bool has_method(const Value& obj, std::string_view name);
/// Calls method `name` of `obj`; returns false (result untouched) when there
/// is no such method. Throws EvalError on bad arguments.
bool call_method(const Value& obj, std::string_view name, CallArgs& args, Value& result);
/// The method as a callable value bound to `obj` (for `f = s.upper`).
Value bound_method(const Value& obj, const std::string& name);
/// obj[key] as Jinja2's environment.getitem: the item, else the attribute
/// or method of that name (`s['upper']`, a groupby tuple's `grouper`); used
/// by subscripts and by filters' attribute paths (`map(attribute=...)`).
Value item_or_attribute(const Value& obj, const Value& key);

}  // namespace mrun::jinja
