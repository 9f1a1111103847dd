#include "jinja/methods.h"

#include <algorithm>
#include <array>

#include "jinja/format.h"
#include "jinja/operators.h"
#include "jinja/py_bytes.h"
#include "jinja/strings_py.h"
#include "jinja/template_error.h"

namespace mrun::jinja {

namespace {

constexpr std::array<std::string_view, 45> kStrMethods = {
    "upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "replace", "startswith", "endswith",
    "format", "join", "title", "capitalize", "count", "find", "rfind", "isdigit", "isalpha", "isupper",
    "islower", "isspace", "zfill", "ljust", "rjust", "center", "splitlines", "partition", "rpartition",
    "swapcase", "casefold", "isalnum", "isdecimal", "isnumeric", "istitle", "isascii", "isidentifier",
    "isprintable", "index", "rindex", "removeprefix", "removesuffix", "expandtabs", "encode"};
constexpr std::array<std::string_view, 9> kDictMethods = {"items", "keys", "values", "get", "update",
                                                          "pop", "setdefault", "copy", "clear"};
constexpr std::array<std::string_view, 9> kListMethods = {"append", "extend", "pop", "insert", "remove",
                                                          "index", "count", "copy", "reverse"};

template <size_t N>
bool in(const std::array<std::string_view, N>& names, std::string_view n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

const std::string& str_arg(const CallArgs& a, size_t i, const char* method) {
  if (i >= a.positional.size() || !a.positional[i].is_string())
    throw EvalError(std::string(method) + "() argument must be str");
  return a.positional[i].as_string();
}

Value chars_arg(const CallArgs& a) { return a.positional.empty() ? Value::none() : a.positional[0]; }

Value str_method(const std::string& s, std::string_view name, CallArgs& a) {
  if (name == "upper") return Value(py_upper(s));
  if (name == "lower") return Value(py_lower(s));
  if (name == "strip") return Value(py_strip(s, chars_arg(a), true, true));
  if (name == "lstrip") return Value(py_strip(s, chars_arg(a), true, false));
  if (name == "rstrip") return Value(py_strip(s, chars_arg(a), false, true));
  if (name == "split" || name == "rsplit") {
    Value sep = a.get(0, "sep", Value::none());
    int64_t max = a.get(1, "maxsplit", Value(int64_t{-1})).as_int();
    std::vector<Value> out;
    for (auto& part : py_split(s, sep, max, name == "rsplit")) out.emplace_back(std::move(part));
    return Value::list(std::move(out));
  }
  if (name == "replace") {
    int64_t count = a.get(2, "count", Value(int64_t{-1})).as_int();
    return Value(py_replace(s, str_arg(a, 0, "replace"), str_arg(a, 1, "replace"), count));
  }
  if (name == "startswith" || name == "endswith") {
    std::vector<Value> options = a.positional.empty() ? std::vector<Value>{}
                                 : a.positional[0].is_tuple() ? a.positional[0].list_data().items
                                                              : std::vector<Value>{a.positional[0]};
    for (const auto& o : options) {
      if (!o.is_string()) throw EvalError(std::string(name) + " first arg must be str or a tuple of str");
      const std::string& p = o.as_string();
      if (p.size() > s.size()) continue;
      if (name == "startswith" ? s.compare(0, p.size(), p) == 0 : s.compare(s.size() - p.size(), p.size(), p) == 0)
        return Value(true);
    }
    return Value(false);
  }
  if (name == "format") return Value(brace_format(s, a));
  if (name == "join") {
    if (a.positional.empty()) throw EvalError("join() takes exactly one argument");
    std::string out;
    bool first = true;
    for (const auto& v : iterate(a.positional[0], true)) {
      if (!v.is_string()) throw EvalError("sequence item: expected str instance, " + type_name(v) + " found");
      if (!first) out += s;
      first = false;
      out += v.as_string();
    }
    return Value(std::move(out));
  }
  if (name == "title") return Value(py_title(s));
  if (name == "capitalize") return Value(py_capitalize(s));
  if (name == "count") return Value(py_count(s, str_arg(a, 0, "count")));
  if (name == "find" || name == "rfind") {
    const std::string& sub = str_arg(a, 0, "find");
    size_t p = name == "find" ? s.find(sub) : s.rfind(sub);
    return Value(p == std::string::npos ? int64_t{-1} : static_cast<int64_t>(utf8_prefix_length(s, p)));
  }
  if (name == "index" || name == "rindex") {
    const std::string& sub = str_arg(a, 0, "index");
    size_t p = name == "index" ? s.find(sub) : s.rfind(sub);
    if (p == std::string::npos) throw EvalError("substring not found");
    return Value(static_cast<int64_t>(utf8_prefix_length(s, p)));
  }
  if (name == "partition" || name == "rpartition") {
    const std::string& sep = str_arg(a, 0, std::string(name).c_str());
    if (sep.empty()) throw EvalError("empty separator");
    size_t p = name == "partition" ? s.find(sep) : s.rfind(sep);
    if (p == std::string::npos)
      return name == "partition" ? Value::tuple({Value(s), Value(""), Value("")})
                                 : Value::tuple({Value(""), Value(""), Value(s)});
    return Value::tuple({Value(s.substr(0, p)), Value(sep), Value(s.substr(p + sep.size()))});
  }
  if (name == "removeprefix" || name == "removesuffix") {
    const std::string& affix = str_arg(a, 0, std::string(name).c_str());
    bool prefix = name == "removeprefix";
    bool has = affix.size() <= s.size() &&
               (prefix ? s.compare(0, affix.size(), affix) == 0
                       : s.compare(s.size() - affix.size(), affix.size(), affix) == 0);
    if (!has || affix.empty()) return Value(s);
    return Value(prefix ? s.substr(affix.size()) : s.substr(0, s.size() - affix.size()));
  }
  if (name == "encode") return py_encode(s, a);
  if (name == "swapcase") return Value(py_swapcase(s));
  if (name == "casefold") return Value(py_casefold(s));
  if (name == "expandtabs") return Value(py_expandtabs(s, a.get(0, "tabsize", Value(int64_t{8})).as_int()));
  if (name == "isdigit" || name == "isalpha" || name == "isupper" || name == "islower" || name == "isspace" ||
      name == "isalnum" || name == "isdecimal" || name == "isnumeric" || name == "istitle" || name == "isascii" ||
      name == "isidentifier" || name == "isprintable")
    return Value(py_is(s, name));
  if (name == "zfill" || name == "ljust" || name == "rjust" || name == "center") {
    int64_t width = a.get(0, "width", Value(int64_t{0})).as_int();
    std::string fill = name == "zfill" ? "0" : a.get(1, "fillchar", Value(" ")).str();
    return Value(py_pad(s, name, width, fill));
  }
  if (name == "splitlines") {
    std::vector<Value> out;
    for (auto& part : py_split(s, Value("\n"), -1, false)) out.emplace_back(std::move(part));
    if (!out.empty() && out.back().as_string().empty()) out.pop_back();
    return Value::list(std::move(out));
  }
  throw EvalError("no method " + std::string(name));
}

Value dict_method(Value d, std::string_view name, CallArgs& a) {
  DictData& data = d.dict_data();
  if (name == "items") {
    std::vector<Value> out;
    for (const auto& [k, v] : data.items) out.push_back(Value::tuple({k, v}));
    return Value::list(std::move(out));
  }
  if (name == "keys" || name == "values") {
    std::vector<Value> out;
    for (const auto& [k, v] : data.items) out.push_back(name == "keys" ? k : v);
    return Value::list(std::move(out));
  }
  if (name == "get") {
    if (a.positional.empty()) throw EvalError("get expected at least 1 argument, got 0");
    check_hashable(a.positional[0]);
    const Value* v = data.find(a.positional[0]);
    return v ? *v : (a.positional.size() > 1 ? a.positional[1] : Value::none());
  }
  if (name == "update") {
    for (const auto& p : a.positional) {
      if (!p.is_dict()) throw EvalError("update() argument must be a dict");
      for (const auto& [k, v] : p.dict_data().items) data.set(k, v);
    }
    for (const auto& [k, v] : a.keyword) data.set(Value(k), v);
    return Value::none();
  }
  if (name == "pop" || name == "setdefault") {
    if (a.positional.empty()) throw EvalError(std::string(name) + " expected at least 1 argument");
    check_hashable(a.positional[0]);
    const Value* v = data.find(a.positional[0]);
    if (name == "setdefault") {
      if (v) return *v;
      Value def = a.positional.size() > 1 ? a.positional[1] : Value::none();
      data.set(a.positional[0], def);
      return def;
    }
    if (!v) {
      if (a.positional.size() > 1) return a.positional[1];
      throw EvalError("KeyError: " + a.positional[0].repr());
    }
    Value out = *v;
    data.erase(a.positional[0]);
    return out;
  }
  if (name == "copy") return Value::dict(data.items);
  if (name == "clear") {
    data.items.clear();
    return Value::none();
  }
  throw EvalError("no method " + std::string(name));
}

Value list_method(Value l, std::string_view name, CallArgs& a) {
  auto& items = l.list_data().items;
  bool tuple = l.is_tuple();
  if (tuple && name != "index" && name != "count") throw EvalError("'tuple' object has no attribute '" + std::string(name) + "'");
  auto need = [&](size_t n) {
    if (a.positional.size() < n) throw EvalError(std::string(name) + "() missing argument");
  };
  if (name == "append") {
    need(1);
    if (items.size() >= kMaxListItems) throw EvalError("list too large");
    items.push_back(a.positional[0]);
    return Value::none();
  }
  if (name == "extend") {
    need(1);
    for (auto& v : iterate(a.positional[0], true)) items.push_back(std::move(v));
    return Value::none();
  }
  if (name == "pop") {
    if (items.empty()) throw EvalError("pop from empty list");
    int64_t i = a.positional.empty() ? -1 : a.positional[0].as_int();
    if (i < 0) i += static_cast<int64_t>(items.size());
    if (i < 0 || i >= static_cast<int64_t>(items.size())) throw EvalError("pop index out of range");
    Value out = items[i];
    items.erase(items.begin() + i);
    return out;
  }
  if (name == "insert") {
    need(2);
    int64_t i = a.positional[0].as_int(), n = static_cast<int64_t>(items.size());
    if (i < 0) i = std::max<int64_t>(0, i + n);
    items.insert(items.begin() + std::min(i, n), a.positional[1]);
    return Value::none();
  }
  if (name == "remove" || name == "index") {
    need(1);
    for (size_t i = 0; i < items.size(); ++i)
      if (items[i].equals(a.positional[0])) {
        if (name == "index") return Value(static_cast<int64_t>(i));
        items.erase(items.begin() + i);
        return Value::none();
      }
    throw EvalError("value not in list");
  }
  if (name == "count") {
    need(1);
    int64_t n = 0;
    for (const auto& v : items) n += v.equals(a.positional[0]);
    return Value(n);
  }
  if (name == "copy") return Value::list(items);
  if (name == "reverse") {
    std::reverse(items.begin(), items.end());
    return Value::none();
  }
  throw EvalError("no method " + std::string(name));
}

}  // namespace

bool has_method(const Value& obj, std::string_view name) {
  if (obj.is_string()) return in(kStrMethods, name);
  if (obj.is_dict()) return in(kDictMethods, name);
  if (obj.is_list()) return obj.is_tuple() ? (name == "index" || name == "count") : in(kListMethods, name);
  return false;
}

bool call_method(const Value& obj, std::string_view name, CallArgs& args, Value& result) {
  if (!has_method(obj, name)) return false;
  if (obj.is_string()) result = str_method(obj.as_string(), name, args);
  else if (obj.is_dict()) result = dict_method(obj, name, args);
  else result = list_method(obj, name, args);
  return true;
}

Value bound_method(const Value& obj, const std::string& name) {
  return Value::function(name, [obj, name](CallArgs& args) {
    Value result;
    call_method(obj, name, args, result);
    return result;
  });
}

Value item_or_attribute(const Value& obj, const Value& key) {
  bool named = key.is_string() && (obj.is_string() || obj.is_list() || obj.is_dict());
  if (named && !obj.is_dict() && has_method(obj, key.as_string())) return bound_method(obj, key.as_string());
  Value v = get_item(obj, key);
  if (!v.is_undefined() || !key.is_string()) return v;
  if (obj.is_dict() && has_method(obj, key.as_string())) return bound_method(obj, key.as_string());
  if (obj.is_list() && !obj.list_data().field_names.empty()) {
    Value field = get_attr(obj, key.as_string());
    if (!field.is_undefined()) return field;
  }
  return v;
}

}  // namespace mrun::jinja
