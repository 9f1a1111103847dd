// Jinja2's builtin filters (jinja2/filters.py), same names and arguments.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <set>
#include <unordered_map>

#include "util/strings.h"

#include "jinja/builtins.h"
#include "jinja/evaluator.h"
#include "jinja/format.h"
#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/serialize.h"
#include "jinja/strings_py.h"
#include "jinja/template_error.h"
#include "jinja/unicode_data.h"
#include "jinja/urlize.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

using Args = CallArgs;

std::string text(RenderState& st, const Value& v) {
  if (v.is_undefined() && st.strict()) fail_undefined(v);
  return v.str();
}

/// Rejects arguments for filters that take none (Jinja2 raises TypeError).
void no_args(const Args& a, const char* name) {
  if (!a.positional.empty() || !a.keyword.empty()) throw EvalError(std::string("do_") + name + "() takes 1 positional argument");
}

/// Rejects arguments Jinja2's filter `name` does not take (more positional
/// ones than `names`, unknown keywords) and missing required ones (the first
/// `required` of `names`), as Python's call does with a TypeError.
void signature(const Args& a, const char* name, std::initializer_list<std::string_view> names, size_t required = 0) {
  a.check(name, names);
  size_t k = 0;
  for (auto param : names) {
    if (k++ >= required) break;
    if (k <= a.positional.size()) continue;
    bool by_keyword = std::any_of(a.keyword.begin(), a.keyword.end(), [&](const auto& kv) { return kv.first == param; });
    if (!by_keyword) throw EvalError(std::string("do_") + name + "() missing required argument '" + std::string(param) + "'");
  }
}

/// Follows a dotted attribute path ("a.b", "0") as Jinja2's make_attrgetter.
Value attr_path(const Value& v, const Value& path) {
  if (!path.is_string()) return get_item(v, path);
  Value cur = v;
  size_t start = 0;
  const std::string& p = path.as_string();
  while (true) {
    size_t dot = p.find('.', start);
    std::string part = p.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    bool numeric = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    cur = numeric ? get_item(cur, Value(static_cast<int64_t>(std::stoll(part)))) : item_or_attribute(cur, Value(part));
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

Value f_abs(RenderState&, const Value& v, Args& a) {
  no_args(a, "abs");
  if (v.is_float()) return Value(std::fabs(v.as_double()));
  if (v.is_int() || v.is_bool()) return unary_op(v.as_double() < 0, v.is_bool() ? Value(v.as_int()) : v);
  throw EvalError("bad operand type for abs(): '" + type_name(v) + "'");
}
/// `attr` is getattr only: dict keys are not attributes.
Value f_attr(RenderState&, const Value& v, Args& a) {
  signature(a, "attr", {"name"}, 1);
  std::string name = a.get(0, "name", Value()).str();
  if (v.is_undefined()) fail_undefined(v);
  if ((v.is_string() || v.is_list() || v.is_dict()) && has_method(v, name)) return bound_method(v, name);
  if (v.is_object() || (v.is_list() && !v.list_data().field_names.empty())) return get_attr(v, name);
  return Value::undefined("'" + type_name(v) + " object' has no attribute '" + name + "'");
}
/// Mirrors Jinja2's generator exactly (including its handling of n <= 0).
Value f_batch(RenderState&, const Value& v, Args& a) {
  signature(a, "batch", {"linecount", "fill_with"}, 1);
  Value count = a.get(0, "linecount", Value(1));
  // Jinja2 compares len(tmp) with it: anything but a number fails there.
  if (!count.is_int() && !count.is_bool() && !count.is_float())
    throw EvalError("'<' not supported between instances of 'int' and '" + type_name(count) + "'");
  int64_t n = count.as_int();
  Value fill = a.get(1, "fill_with", Value::none());
  // Filling up to a count beyond any memory: Python's MemoryError.
  if (!fill.is_none() && n > (int64_t{1} << 24)) throw EvalError("MemoryError: batch filled to " + std::to_string(n) + " items");
  std::vector<Value> out, cur;
  for (auto& item : iterate(v, false)) {
    if (static_cast<int64_t>(cur.size()) == n) out.push_back(Value::list(std::move(cur))), cur.clear();
    cur.push_back(item);
  }
  if (!cur.empty()) {
    if (!fill.is_none())
      while (static_cast<int64_t>(cur.size()) < n) cur.push_back(fill);
    out.push_back(Value::list(std::move(cur)));
  }
  return Value::list(std::move(out));
}
Value f_capitalize(RenderState& st, const Value& v, Args& a) {
  no_args(a, "capitalize"); return Value(py_capitalize(text(st, v))); }
Value f_center(RenderState& st, const Value& v, Args& a) {
  signature(a, "center", {"width"});
  return Value(py_pad(text(st, v), "center", a.get(0, "width", Value(80)).as_int(), " "));
}
Value f_length(RenderState&, const Value& v, Args& a) {
  no_args(a, "length"); return Value(length(v)); }
Value f_default(RenderState&, const Value& v, Args& a) {
  signature(a, "default", {"default_value", "boolean"});
  Value def = a.get(0, "default_value", Value(""));
  bool boolean = a.get(1, "boolean", Value(false)).truthy();
  if (v.is_undefined() || (boolean && !v.truthy())) return def;
  return v;
}
Value sorted_items(RenderState&, std::vector<std::pair<Value, Value>> items, bool case_sensitive, bool by_value, bool reverse);
Value f_dictsort(RenderState& st, const Value& v, Args& a) {
  signature(a, "dictsort", {"case_sensitive", "by", "reverse"});
  if (!v.is_dict()) throw EvalError("You can only sort by either \"key\" or \"value\"");
  std::string by = a.get(1, "by", Value("key")).str();
  if (by != "key" && by != "value") throw EvalError("You can only sort by either \"key\" or \"value\"");
  return sorted_items(st, v.dict_data().items, a.get(0, "case_sensitive", Value(false)).truthy(), by == "value",
                      a.get(2, "reverse", Value(false)).truthy());
}
Value f_escape(RenderState&, const Value& v, Args& a) {
  no_args(a, "escape");
  if (v.is_safe()) return v;
  return Value::safe_string(html_escape(v.str()));
}
Value f_first(RenderState&, const Value& v, Args& a) {
  no_args(a, "first");
  auto items = iterate(v, false);
  return items.empty() ? Value::undefined("No first item, sequence was empty.") : items.front();
}
Value f_last(RenderState&, const Value& v, Args& a) {
  no_args(a, "last");
  auto items = iterate(v, false);
  return items.empty() ? Value::undefined("No last item, sequence was empty.") : items.back();
}
Value parse_number(const Value& v, bool as_float, const Value& def, int base) {
  if (v.is_undefined()) fail_undefined(v);  // int(Undefined) raises UndefinedError
  if (v.is_float()) return as_float ? v : Value(float_to_int(v.as_double()));
  if (v.is_int() || v.is_bool()) return as_float ? Value(v.as_double()) : v.is_big() ? v : Value(v.as_int());
  if (!v.is_string()) return def;
  std::string s(trim(v.as_string()));
  std::string digits;
  for (char c : s) if (c != '_') digits += c;
  if (digits.empty()) return def;
  char* end = nullptr;
  if (!as_float) {
    errno = 0;
    long long i = std::strtoll(digits.c_str(), &end, base == 10 && digits.size() > 2 && digits[0] == '0' && std::isalpha(static_cast<unsigned char>(digits[1])) ? 0 : base);
    if (end && *end == 0 && errno == 0) return Value(static_cast<int64_t>(i));
    double d = std::strtod(digits.c_str(), &end);
    // Beyond int64 (Python would make a big int) the value is not representable: default.
    if (end && *end == 0 && std::isfinite(d) && base == 10 && std::fabs(d) < 9.2e18) {
      return Value(static_cast<int64_t>(std::trunc(d)));
    }
    return def;
  }
  double d = std::strtod(digits.c_str(), &end);
  if (end && *end == 0) return Value(d);
  return def;
}
Value f_float(RenderState&, const Value& v, Args& a) {
  signature(a, "float", {"default"});
  return parse_number(v, true, a.get(0, "default", Value(0.0)), 10);
}
Value f_int(RenderState&, const Value& v, Args& a) {
  signature(a, "int", {"default", "base"});
  return parse_number(v, false, a.get(0, "default", Value(0)), static_cast<int>(a.get(1, "base", Value(10)).as_int()));
}
Value f_format(RenderState&, const Value& v, Args& a) {
  if (!a.keyword.empty() && !a.positional.empty()) throw EvalError("can't handle positional and keyword arguments at the same time");
  if (!a.keyword.empty()) {
    Value d = Value::dict();
    for (const auto& [k, val] : a.keyword) d.dict_data().set(Value(k), val);
    return Value(percent_format(v.str(), d));
  }
  return Value(percent_format(v.str(), Value::tuple(a.positional)));
}
Value f_groupby(RenderState& st, const Value& v, Args& a);
Value f_indent(RenderState& st, const Value& v, Args& a) {
  signature(a, "indent", {"width", "first", "blank"});
  Value w = a.get(0, "width", Value(4));
  std::string ind = w.is_string() ? w.as_string() : std::string(std::max<int64_t>(0, w.as_int()), ' ');
  bool first = a.get(1, "first", Value(false)).truthy();
  bool blank = a.get(2, "blank", Value(false)).truthy();
  if (!v.is_string()) throw EvalError("indent: '" + type_name(v) + "' object is not a string");
  std::string s = text(st, v);
  std::string out;
  size_t start = 0;
  bool first_line = true;
  while (true) {
    size_t nl = s.find('\n', start);
    std::string line = s.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!first_line || first) {
      if (blank || !line.empty()) out += ind;
    }
    out += line;
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
    first_line = false;
  }
  return Value(out);
}
Value f_items(RenderState&, const Value& v, Args& a) {
  no_args(a, "items");
  if (v.is_undefined()) return Value::list();
  if (!v.is_dict()) throw EvalError("Can only get item pairs from a mapping.");
  std::vector<Value> out;
  for (const auto& [k, val] : v.dict_data().items) out.push_back(Value::tuple({k, val}));
  return Value::list(std::move(out));
}
Value f_join(RenderState& st, const Value& v, Args& a) {
  signature(a, "join", {"d", "attribute"});
  std::string sep = a.get(0, "d", Value("")).str();
  Value attr = a.get(1, "attribute", Value::none());
  std::vector<Value> items;
  bool markup = a.get(0, "d", Value("")).is_safe();
  for (const auto& item : iterate(v, st.strict())) {
    items.push_back(attr.is_none() ? item : attr_path(item, attr));
    markup = markup || items.back().is_safe();
  }
  // Under autoescape, markup among the items escapes the others (markupsafe's join).
  markup = markup && st.autoescape;
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += markup && !a.get(0, "d", Value("")).is_safe() ? html_escape(sep) : sep;
    if (markup && !items[i].is_safe()) out += html_escape(items[i].str());
    else items[i].append_str(out);
  }
  return markup ? Value::safe_string(std::move(out)) : Value(std::move(out));
}
Value f_list(RenderState& st, const Value& v, Args& a) {
  no_args(a, "list"); return Value::list(iterate(v, st.strict())); }
Value f_lower(RenderState& st, const Value& v, Args& a) {
  no_args(a, "lower"); return Value(py_lower(text(st, v))); }
Value f_upper(RenderState& st, const Value& v, Args& a) {
  no_args(a, "upper"); return Value(py_upper(text(st, v))); }
/// Jinja2's title: words start after white space, '-', '(', '{', '[' or '<';
/// a word is its first letter upper-cased and the rest lower-cased on its own.
Value f_title(RenderState& st, const Value& v, Args& a) {
  no_args(a, "title");
  std::string s = text(st, v), out;
  auto separator = [](uint32_t cp) { return is_py_space(cp) || (cp < 128 && cp && std::strchr("-({[<", static_cast<char>(cp))); };
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = utf8_next(s, i);
    if (separator(cp)) {
      out.append(s, start, i - start);
      continue;
    }
    out += py_upper(std::string_view(s).substr(start, i - start));
    size_t rest = i;
    for (size_t next = i; next < s.size() && !separator(utf8_next(s, next));) i = next;
    out += py_lower(std::string_view(s).substr(rest, i - rest));
  }
  return Value(out);
}
Value f_trim(RenderState& st, const Value& v, Args& a) {
  signature(a, "trim", {"chars"});
  return Value(py_strip(text(st, v), a.get(0, "chars", Value::none()), true, true));
}
Value f_string(RenderState& st, const Value& v, Args& a) {
  no_args(a, "string"); return v.is_string() ? v : Value(text(st, v)); }
Value f_safe(RenderState&, const Value& v, Args& a) {
  no_args(a, "safe"); return Value::safe_string(v.str()); }
Value f_pprint(RenderState&, const Value& v, Args& a) {
  no_args(a, "pprint");
  return Value(pformat(v, 0, 0));
}

Value sort_key(const Value& v, bool case_sensitive, const Value& attr) {
  Value k = attr.is_none() || attr.is_undefined() ? v : attr_path(v, attr);
  if (!case_sensitive && k.is_string()) return Value(py_lower(k.as_string()));
  return k;
}

void sort_values(std::vector<Value>& items, bool case_sensitive, const Value& attr, bool reverse) {
  // attribute="age,name": several paths, compared in turn (Jinja2's make_multi_attrgetter).
  std::vector<Value> paths;
  if (attr.is_string() && attr.as_string().find(',') != std::string::npos)
    for (auto& part : split(attr.as_string(), ',')) paths.emplace_back(std::move(part));
  auto key_of = [&](const Value& item) {
    if (paths.empty()) return sort_key(item, case_sensitive, attr);
    std::vector<Value> keys;
    for (const auto& path : paths) keys.push_back(sort_key(item, case_sensitive, path));
    return Value::list(std::move(keys));
  };
  std::vector<std::pair<Value, size_t>> keyed;
  for (size_t i = 0; i < items.size(); ++i) keyed.emplace_back(key_of(items[i]), i);
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
    return reverse ? less_than(y.first, x.first) : less_than(x.first, y.first);
  });
  std::vector<Value> out;
  for (auto& [k, i] : keyed) out.push_back(items[i]);
  items = std::move(out);
}

Value sorted_items(RenderState&, std::vector<std::pair<Value, Value>> items, bool case_sensitive, bool by_value, bool reverse) {
  std::vector<Value> tuples;
  for (auto& [k, v] : items) tuples.push_back(Value::tuple({k, v}));
  sort_values(tuples, case_sensitive, Value(int64_t{by_value ? 1 : 0}), reverse);
  return Value::list(std::move(tuples));
}

Value f_sort(RenderState& st, const Value& v, Args& a) {
  signature(a, "sort", {"reverse", "case_sensitive", "attribute"});
  auto items = iterate(v, st.strict());
  sort_values(items, a.get(1, "case_sensitive", Value(false)).truthy(), a.get(2, "attribute", Value::none()),
              a.get(0, "reverse", Value(false)).truthy());
  return Value::list(std::move(items));
}

Value f_groupby(RenderState& st, const Value& v, Args& a) {
  signature(a, "groupby", {"attribute", "default", "case_sensitive"}, 1);
  Value attr = a.get(0, "attribute", Value::none());
  Value def = a.get(1, "default", Value::none());
  bool cs = a.get(2, "case_sensitive", Value(false)).truthy();
  auto items = iterate(v, st.strict());
  auto key_of = [&](const Value& item) {
    Value k = attr_path(item, attr);
    if (k.is_undefined() && !def.is_none()) k = def;
    return k;
  };
  std::vector<std::pair<Value, size_t>> keyed;
  for (size_t i = 0; i < items.size(); ++i) {
    Value k = key_of(items[i]);
    keyed.emplace_back(!cs && k.is_string() ? Value(py_lower(k.as_string())) : k, i);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return less_than(x.first, y.first); });
  std::vector<Value> groups;
  for (size_t i = 0; i < keyed.size();) {
    size_t j = i;
    std::vector<Value> members;
    while (j < keyed.size() && keyed[j].first.equals(keyed[i].first)) members.push_back(items[keyed[j++].second]);
    Value grouper = cs ? keyed[i].first : key_of(members.front());
    Value group = Value::tuple({grouper, Value::list(std::move(members))});
    group.list_data().field_names = {"grouper", "list"};
    groups.push_back(std::move(group));
    i = j;
  }
  return Value::list(std::move(groups));
}

Value minmax(RenderState& st, const Value& v, Args& a, bool want_max) {
  auto items = iterate(v, st.strict());
  if (items.empty()) return Value::undefined(std::string("No aggregated item, sequence was empty."));
  bool cs = a.get(0, "case_sensitive", Value(false)).truthy();
  Value attr = a.get(1, "attribute", Value::none());
  Value best = items[0];
  Value best_key = sort_key(best, cs, attr);
  for (size_t i = 1; i < items.size(); ++i) {
    Value k = sort_key(items[i], cs, attr);
    if (want_max ? less_than(best_key, k) : less_than(k, best_key)) best = items[i], best_key = k;
  }
  return best;
}
Value f_max(RenderState& st, const Value& v, Args& a) {
  signature(a, "max", {"case_sensitive", "attribute"});
  return minmax(st, v, a, true);
}
Value f_min(RenderState& st, const Value& v, Args& a) {
  signature(a, "min", {"case_sensitive", "attribute"});
  return minmax(st, v, a, false);
}

/// Shared by map/select/reject/selectattr/rejectattr: applies a filter or
/// test named by args[offset], or an attribute lookup.
Value apply_named(RenderState& st, const Value& item, const std::string& name, Args& a, size_t offset, bool is_test) {
  Args rest;
  rest.state = &st;
  rest.positional.assign(a.positional.begin() + std::min(offset, a.positional.size()), a.positional.end());
  for (const auto& kw : a.keyword)
    if (kw.first != "attribute" && kw.first != "default") rest.keyword.push_back(kw);
  if (is_test) {
    ast::TestFunc t = find_test(name);
    if (!t) throw EvalError("No test named '" + name + "'.");
    return Value(t(st, item, rest));
  }
  ast::FilterFunc f = find_filter(name);
  if (!f) throw EvalError("No filter named '" + name + "'.");
  return f(st, item, rest);
}

Value select_impl(RenderState& st, const Value& v, Args& a, bool by_attr, bool keep) {
  std::vector<Value> out;
  if (!v.truthy()) return Value::list();  // Jinja2: `if value: for item in value`
  for (const auto& item : iterate(v, st.strict())) {
    Value subject = item;
    size_t offset = 0;
    if (by_attr) {
      if (a.positional.empty()) throw EvalError("Missing parameter for attribute name");
      subject = attr_path(item, a.positional[0]);
      offset = 1;
    }
    bool ok = a.positional.size() > offset
                  ? apply_named(st, subject, a.positional[offset].str(), a, offset + 1, true).truthy()
                  : subject.truthy();
    if (ok == keep) out.push_back(item);
  }
  return Value::list(std::move(out));
}
Value f_select(RenderState& st, const Value& v, Args& a) { return select_impl(st, v, a, false, true); }
Value f_reject(RenderState& st, const Value& v, Args& a) { return select_impl(st, v, a, false, false); }
Value f_selectattr(RenderState& st, const Value& v, Args& a) { return select_impl(st, v, a, true, true); }
Value f_rejectattr(RenderState& st, const Value& v, Args& a) { return select_impl(st, v, a, true, false); }

Value f_map(RenderState& st, const Value& v, Args& a) {
  std::vector<Value> out;
  if (!v.truthy()) return Value::list();  // Jinja2: `if value: for item in value`
  const Value* attr = a.kwarg("attribute");
  for (const auto& item : iterate(v, st.strict())) {
    if (attr) {
      Value r = attr_path(item, *attr);
      if (r.is_undefined())
        if (const Value* d = a.kwarg("default")) r = *d;
      out.push_back(r);
    } else {
      if (a.positional.empty()) throw EvalError("map requires a filter argument");
      out.push_back(apply_named(st, item, a.positional[0].str(), a, 1, false));
    }
  }
  return Value::list(std::move(out));
}

Value f_replace(RenderState& st, const Value& v, Args& a) {
  signature(a, "replace", {"old", "new", "count"}, 2);
  return Value(py_replace(text(st, v), a.get(0, "old", Value("")).str(), a.get(1, "new", Value("")).str(),
                          a.get(2, "count", Value::none()).is_none() ? -1 : a.get(2, "count", Value()).as_int()));
}
Value f_reverse(RenderState& st, const Value& v, Args& a) {
  no_args(a, "reverse");
  if (v.is_string()) {
    auto cs = utf8_chars(v.as_string());
    std::string out;
    for (auto it = cs.rbegin(); it != cs.rend(); ++it) out += *it;
    return Value(out);
  }
  auto items = iterate(v, st.strict());
  std::reverse(items.begin(), items.end());
  return Value::list(std::move(items));
}
/// Python's round(x, n): half to even on the exact binary value (so
/// 2.675 -> 2.67, -0.5 -> -0.0); an integer stays an integer.
Value round_common(const Value& v, int64_t precision) {
  if (!v.is_float()) {
    if (precision >= 0) return v.is_bool() ? Value(v.as_int()) : v;  // round(True) is 1
    if (precision < -18) return Value(int64_t{0});
    int64_t unit = 1;
    for (int64_t i = 0; i < -precision; ++i) unit *= 10;
    int64_t x = v.as_int(), q = x / unit, r = x % unit;
    if (r < 0) { q -= 1; r += unit; }  // floor division, as Python's
    if (2 * r > unit || (2 * r == unit && q % 2 != 0)) q += 1;
    return Value(q * unit);
  }
  double x = v.as_double();
  if (!std::isfinite(x)) return v;
  if (precision >= 0) {
    if (precision > 330) return v;
    // printf rounds the exact binary value half to even, as Python does.
    std::vector<char> buf(static_cast<size_t>(precision) + 400);
    std::snprintf(buf.data(), buf.size(), "%.*f", static_cast<int>(precision), x);
    return Value(std::strtod(buf.data(), nullptr));
  }
  double unit = std::pow(10.0, static_cast<double>(-precision));
  double y = x / unit, z = std::round(y);
  if (std::fabs(y - z) == 0.5) z = 2.0 * std::round(y / 2.0);
  return Value(std::copysign(z * unit, x));
}

Value f_round(RenderState&, const Value& v, Args& a) {
  signature(a, "round", {"precision", "method"});
  int64_t precision = a.get(0, "precision", Value(0)).as_int();
  std::string method = a.get(1, "method", Value("common")).str();
  if (method != "common" && method != "ceil" && method != "floor") throw EvalError("method must be common, ceil or floor");
  if (!v.is_number()) throw EvalError("type " + type_name(v) + " doesn't define __round__ method");
  if (method == "common") return round_common(v, precision);
  double scale = std::pow(10.0, static_cast<double>(precision));
  double x = v.as_double() * scale;
  return Value((method == "ceil" ? std::ceil(x) : std::floor(x)) / scale);
}
Value f_slice(RenderState& st, const Value& v, Args& a) {
  signature(a, "slice", {"slices", "fill_with"}, 1);
  int64_t slices = a.get(0, "slices", Value(1)).as_int();
  if (slices <= 0) throw EvalError("slices must be positive");
  if (static_cast<uint64_t>(slices) > kMaxListItems)
    throw EvalError("slice() into more than " + std::to_string(kMaxListItems) + " slices");
  Value fill = a.get(1, "fill_with", Value::none());
  auto items = iterate(v, st.strict());
  int64_t n = static_cast<int64_t>(items.size());
  int64_t per = n / slices, extra = n % slices, offset = 0;
  std::vector<Value> out;
  for (int64_t i = 0; i < slices; ++i) {
    int64_t start = offset + i * per;
    if (i < extra) ++offset;
    int64_t end = offset + (i + 1) * per;
    std::vector<Value> part(items.begin() + start, items.begin() + end);
    if (!fill.is_none() && i >= extra) part.push_back(fill);
    out.push_back(Value::list(std::move(part)));
  }
  return Value::list(std::move(out));
}
Value f_striptags(RenderState& st, const Value& v, Args& a) {
  no_args(a, "striptags");
  std::string s = text(st, v), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      size_t e = s.find('>', i);
      if (e != std::string::npos) {
        i = e;
        continue;
      }
    }
    out += s[i];
  }
  std::string collapsed;
  for (auto& w : py_split(out, Value::none(), -1, false)) collapsed += (collapsed.empty() ? "" : " ") + w;
  return Value(py_replace(py_replace(py_replace(py_replace(collapsed, "&lt;", "<", -1), "&gt;", ">", -1), "&#39;", "'", -1), "&amp;", "&", -1));
}
Value f_sum(RenderState& st, const Value& v, Args& a) {
  signature(a, "sum", {"attribute", "start"});
  Value attr = a.get(0, "attribute", Value::none());
  Value total = a.get(1, "start", Value(0));
  for (const auto& item : iterate(v, st.strict()))
    total = binary_op(ast::BinOp::Add, total, attr.is_none() ? item : attr_path(item, attr));
  return total;
}
Value f_truncate(RenderState& st, const Value& v, Args& a) {
  signature(a, "truncate", {"length", "killwords", "end", "leeway"});
  if (v.is_undefined() && st.strict()) fail_undefined(v);
  int64_t length = a.get(0, "length", Value(255)).as_int();
  bool killwords = a.get(1, "killwords", Value(false)).truthy();
  std::string end = a.get(2, "end", Value("...")).str();
  int64_t leeway = a.get(3, "leeway", Value(5)).as_int();
  int64_t endlen = static_cast<int64_t>(utf8_length(end));
  if (length < endlen) throw EvalError("expected length >= " + std::to_string(endlen) + ", got " + std::to_string(length));
  if (leeway < 0) throw EvalError("expected leeway >= 0, got " + std::to_string(leeway));
  if (static_cast<int64_t>(jinja::length(v)) <= length + leeway) return v;
  if (!v.is_string()) throw EvalError("truncate: '" + type_name(v) + "' object is not a string");
  auto cs = utf8_chars(v.as_string());
  std::string head;
  for (int64_t i = 0; i < length - endlen; ++i) head += cs[i];
  if (killwords) return Value(head + end);
  size_t sp = head.rfind(' ');
  if (sp != std::string::npos) head = head.substr(0, sp);
  return Value(head + end);
}
Value f_unique(RenderState& st, const Value& v, Args& a) {
  signature(a, "unique", {"case_sensitive", "attribute"});
  bool cs = a.get(0, "case_sensitive", Value(false)).truthy();
  Value attr = a.get(1, "attribute", Value::none());
  std::vector<Value> out, seen;
  for (const auto& item : iterate(v, st.strict())) {
    Value k = sort_key(item, cs, attr);
    check_hashable(k);
    if (std::none_of(seen.begin(), seen.end(), [&](const Value& s) { return s.equals(k); })) {
      seen.push_back(k);
      out.push_back(item);
    }
  }
  return Value::list(std::move(out));
}
std::string url_quote(const std::string& s, bool for_query) {
  static const char* safe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
  std::string out;
  for (unsigned char c : s) {
    if (std::strchr(safe, c) && c) out += static_cast<char>(c);
    else if (!for_query && c == '/') out += '/';
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}
Value f_urlencode(RenderState&, const Value& v, Args& a) {
  no_args(a, "urlencode");
  if (v.is_string() || !(v.is_list() || v.is_dict() || v.is_undefined())) return Value(url_quote(v.str(), false));
  std::vector<std::pair<Value, Value>> items;
  if (v.is_dict()) items = v.dict_data().items;
  else
    for (const auto& it : iterate(v, false)) {
      auto pair = iterate(it, true);
      if (pair.size() != 2) throw EvalError("urlencode expects pairs");
      items.emplace_back(pair[0], pair[1]);
    }
  std::string out;
  auto q = [](const std::string& x) { return py_replace(url_quote(x, true), "%20", "+", -1); };
  for (const auto& [k, val] : items) out += (out.empty() ? "" : "&") + q(k.str()) + "=" + q(val.str());
  return Value(out);
}
/// Jinja2's urlize (jinja/urlize.h): rel, target and extra_schemes default to
/// the environment's urlize policies; nofollow adds "nofollow" to rel, and
/// the policy's rel words are always added.
Value f_urlize(RenderState& st, const Value& v, Args& a) {
  a.check("urlize", {"trim_url_limit", "nofollow", "target", "rel", "extra_schemes"});
  const UrlizePolicies& policies = st.env.options().urlize;
  UrlizeOptions options;
  Value limit = a.get(0, "trim_url_limit", Value::none());
  if (limit.is_int() || limit.is_bool()) options.trim_url_limit = limit.as_int();
  else if (limit.is_undefined()) options.invalid_trim_url_limit = [limit] { fail_undefined(limit); };
  else if (!limit.is_none())
    options.invalid_trim_url_limit = [limit] {
      throw EvalError(limit.is_float() ? "slice indices must be integers or None or have an __index__ method"
                                       : "'>' not supported between instances of 'int' and '" + type_name(limit) + "'");
    };
  std::set<std::string> rel_words;
  Value rel = a.get(3, "rel", Value::none());
  if (rel.truthy())
    for (auto& word : py_split(rel.str(), Value::none(), -1, false)) rel_words.insert(word);
  if (a.get(1, "nofollow", Value(false)).truthy()) rel_words.insert("nofollow");
  for (auto& word : py_split(policies.rel, Value::none(), -1, false)) rel_words.insert(word);
  for (const auto& word : rel_words) options.rel += (options.rel.empty() ? "" : " ") + word;
  Value target = a.get(2, "target", Value::none());
  if (target.is_none()) options.target = policies.target;
  else if (target.truthy()) options.target = target.str();
  Value schemes = a.get(4, "extra_schemes", Value::none());
  if (schemes.is_none()) options.extra_schemes = policies.extra_schemes;
  else
    for (const auto& scheme : iterate(schemes, st.strict())) {
      if (!scheme.is_string()) throw EvalError("expected string or bytes-like object, got '" + type_name(scheme) + "'");
      options.extra_schemes.push_back(scheme.as_string());
    }
  for (const auto& scheme : options.extra_schemes)
    if (!is_uri_scheme_prefix(scheme)) throw EvalError(Value(scheme).repr() + " is not a valid URI scheme prefix.");
  std::string html = v.is_safe() ? v.str() : html_escape(text(st, v));
  std::string out = urlize(html, options);
  return st.autoescape ? Value::safe_string(std::move(out)) : Value(std::move(out));
}
/// Jinja2's random: one item of the sequence, chosen at random.
Value f_random(RenderState& st, const Value& v, Args& a) {
  no_args(a, "random");
  std::vector<Value> items = iterate(v, st.strict());
  if (items.empty()) throw EvalError("Cannot choose from an empty sequence");
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(generator)];
}
/// Jinja2's filesizeformat: "1 Byte", "300 Bytes", "1.2 MB" (binary: "1.2 MiB").
Value f_filesizeformat(RenderState&, const Value& v, Args& a) {
  a.check("filesizeformat", {"binary"});
  Value number = v.is_string() ? parse_number(v, true, Value(), 10) : v;
  if (!number.is_number()) throw EvalError("could not convert " + type_name(v) + " to float: " + v.repr());
  double bytes = number.as_double();
  bool binary = a.get(0, "binary", Value(false)).truthy();
  double base = binary ? 1024 : 1000;
  static const char* const kDecimal[] = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  static const char* const kBinary[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
  if (bytes == 1) return Value("1 Byte");
  if (bytes < base) return Value(std::to_string(float_to_int(bytes)) + " Bytes");
  double unit = base;
  for (int i = 0; i < 8; ++i) {
    unit = std::pow(base, i + 2);
    if (bytes < unit || i == 7)
      return Value(format_spec(Value(base * bytes / unit), ".1f") + " " + (binary ? kBinary : kDecimal)[i]);
  }
  return Value();
}
/// Jinja2's xmlattr: ` key="value"` pairs (None and undefined left out), escaped.
Value f_xmlattr(RenderState& st, const Value& v, Args& a) {
  a.check("xmlattr", {"autospace"});
  if (!v.is_dict()) throw EvalError("'" + type_name(v) + "' object has no attribute 'items'");
  std::string out;
  for (const auto& [k, val] : v.dict_data().items) {
    if (val.is_none() || val.is_undefined()) continue;
    std::string key = k.str();
    if (key.find_first_of(" \t\n\r\f\v/>=") != std::string::npos)
      throw EvalError("Invalid character in attribute name: " + k.repr());
    if (!out.empty()) out += ' ';
    out += (k.is_safe() ? key : html_escape(key)) + "=\"" + (val.is_safe() ? val.str() : html_escape(val.str())) + "\"";
  }
  if (a.get(0, "autospace", Value(true)).truthy() && !out.empty()) out = " " + out;
  return st.autoescape ? Value::safe_string(std::move(out)) : Value(std::move(out));
}
/// Jinja2's wordcount: the number of runs of \w (alphanumeric code points and '_').
Value f_wordcount(RenderState& st, const Value& v, Args& a) {
  no_args(a, "wordcount");
  std::string s = text(st, v);
  int64_t n = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = utf8_next(s, i);
    bool w = cp == '_' || is_alnum(cp);
    if (w && !in_word) ++n;
    in_word = w;
  }
  return Value(n);
}
/// Python textwrap chunks of one paragraph: words (split after hyphens
/// between letters when break_on_hyphens), each chunk remembering whether
/// white space preceded it.
std::vector<std::pair<std::string, bool>> wrap_chunks(const std::string& para, bool break_on_hyphens) {
  std::vector<std::pair<std::string, bool>> chunks;
  for (const auto& word : py_split(para, Value::none(), -1, false)) {
    size_t start = 0;
    bool space = true;
    for (size_t i = 1; break_on_hyphens && i + 1 < word.size(); ++i) {
      if (word[i] == '-' && std::isalnum(static_cast<unsigned char>(word[i - 1])) && std::isalnum(static_cast<unsigned char>(word[i + 1]))) {
        chunks.emplace_back(word.substr(start, i + 1 - start), space);
        start = i + 1;
        space = false;
      }
    }
    chunks.emplace_back(word.substr(start), space);
  }
  return chunks;
}
Value f_wordwrap(RenderState& st, const Value& v, Args& a) {
  signature(a, "wordwrap", {"width", "break_long_words", "wrapstring", "break_on_hyphens"});
  int64_t width = a.get(0, "width", Value(79)).as_int();
  bool breaklong = a.get(1, "break_long_words", Value(true)).truthy();
  Value wrap_with = a.get(2, "wrapstring", Value::none());
  std::string wrapstring = wrap_with.is_none() ? "\n" : wrap_with.str();
  bool break_on_hyphens = a.get(3, "break_on_hyphens", Value(true)).truthy();
  if (width <= 0) throw EvalError("invalid width " + std::to_string(width) + " (must be > 0)");
  if (!v.is_string()) throw EvalError("'" + type_name(v) + "' object has no attribute 'splitlines'");
  std::string s = text(st, v), out;
  std::vector<std::string> paragraphs = py_split(s, Value("\n"), -1, false);
  std::vector<std::string> lines;
  for (const auto& para : paragraphs) {
    auto chunks = wrap_chunks(para, break_on_hyphens);
    std::string line;
    int64_t len = 0;
    for (size_t i = 0; i < chunks.size(); ++i) {
      auto [chunk, space] = chunks[i];
      int64_t clen = static_cast<int64_t>(utf8_length(chunk));
      int64_t need = clen + (len > 0 && space ? 1 : 0);
      if (len + need <= width) {
        if (len > 0 && space) line += ' ', ++len;
        line += chunk;
        len += clen;
        continue;
      }
      if (clen > width && breaklong) {
        if (len > 0 && space && len + 1 < width) line += ' ', ++len;
        else if (len > 0 && space) {
          lines.push_back(line);
          line.clear();
          len = 0;
        }
        auto cs = utf8_chars(chunk);
        size_t k = 0;
        while (k < cs.size()) {
          while (k < cs.size() && len < width) line += cs[k++], ++len;
          if (k < cs.size()) {
            lines.push_back(line);
            line.clear();
            len = 0;
          }
        }
        continue;
      }
      if (len > 0) lines.push_back(line);
      line = chunk;
      len = clen;
    }
    if (len > 0 || chunks.empty()) lines.push_back(line);
  }
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? wrapstring : "") + lines[i];
  return Value(out);
}
Value f_count(RenderState& st, const Value& v, Args& a) { return f_length(st, v, a); }

Value f_tojson(RenderState&, const Value& v, Args& a) {
  signature(a, "tojson", {"indent"});
  Value indent = a.get(0, "indent", Value::none());
  return Value::safe_string(json_dump(v, indent.is_none() ? 0 : static_cast<int>(std::min<int64_t>(indent.as_int(), 64)), 0));
}

const std::unordered_map<std::string_view, ast::FilterFunc>& filter_table() {
  static const std::unordered_map<std::string_view, ast::FilterFunc> table = {
      {"abs", f_abs}, {"attr", f_attr}, {"attribute", f_attr}, {"batch", f_batch}, {"capitalize", f_capitalize},
      {"center", f_center}, {"count", f_count}, {"default", f_default}, {"d", f_default}, {"dictsort", f_dictsort},
      {"escape", f_escape}, {"e", f_escape}, {"first", f_first}, {"float", f_float}, {"format", f_format},
      {"groupby", f_groupby}, {"indent", f_indent}, {"int", f_int}, {"items", f_items}, {"join", f_join},
      {"last", f_last}, {"length", f_length}, {"list", f_list}, {"lower", f_lower}, {"map", f_map}, {"max", f_max},
      {"min", f_min}, {"pprint", f_pprint}, {"reject", f_reject}, {"rejectattr", f_rejectattr},
      {"replace", f_replace}, {"reverse", f_reverse}, {"round", f_round}, {"safe", f_safe}, {"select", f_select},
      {"selectattr", f_selectattr}, {"slice", f_slice}, {"sort", f_sort}, {"string", f_string},
      {"striptags", f_striptags}, {"sum", f_sum}, {"title", f_title}, {"tojson", f_tojson}, {"trim", f_trim},
      {"truncate", f_truncate}, {"unique", f_unique}, {"upper", f_upper}, {"urlencode", f_urlencode}, {"urlize", f_urlize},
      {"wordcount", f_wordcount}, {"wordwrap", f_wordwrap}, {"forceescape", f_escape},
      {"filesizeformat", f_filesizeformat}, {"xmlattr", f_xmlattr}, {"random", f_random}};
  return table;
}

}  // namespace

ast::FilterFunc find_filter(std::string_view name) {
  auto it = filter_table().find(name);
  return it == filter_table().end() ? nullptr : it->second;
}

}  // namespace mrun::jinja
