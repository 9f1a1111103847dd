#include "parse/python_helpers.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "jinja/operators.h"
#include "jinja/template_error.h"
#include "parse/config_value_jinja.h"
#include "parse/extended_object.h"
#include "parse/python_re.h"
#include "project/config_text.h"
#include "util/error.h"

namespace mrun::parse {

namespace {

using jinja::CallArgs;
using jinja::Value;

Value function(const char* name, jinja::NativeFunction fn) { return Value::function(name, std::move(fn)); }

std::vector<std::vector<Value>> iterables(const CallArgs& a, size_t from = 0) {
  std::vector<std::vector<Value>> out;
  for (size_t i = from; i < a.positional.size(); ++i) out.push_back(jinja::iterate(a.positional[i], true));
  return out;
}

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', true); }

void append_json(std::string& out, const Value& v, bool sort_keys) {
  switch (v.kind()) {
    case jinja::ValueKind::None:
    case jinja::ValueKind::Undefined: out += "null"; return;
    case jinja::ValueKind::Bool: out += v.as_bool() ? "true" : "false"; return;
    case jinja::ValueKind::Int: out += v.str(); return;
    case jinja::ValueKind::Float: {
      double d = v.as_double();
      out += std::isnan(d) ? "NaN" : std::isinf(d) ? (d > 0 ? "Infinity" : "-Infinity") : jinja::float_repr(d);
      return;
    }
    case jinja::ValueKind::List: {
      out += '[';
      bool first = true;
      for (const auto& item : v.list_data().items) {
        if (!first) out += ", ";
        first = false;
        append_json(out, item, sort_keys);
      }
      out += ']';
      return;
    }
    case jinja::ValueKind::Dict: {
      auto items = v.dict_data().items;
      if (sort_keys) std::stable_sort(items.begin(), items.end(), [](auto& x, auto& y) { return x.first.str() < y.first.str(); });
      out += '{';
      bool first = true;
      for (const auto& [key, item] : items) {
        if (!first) out += ", ";
        first = false;
        out += json_string(key.is_string() ? key.as_string() : key.is_none() ? "null" : key.str());
        out += ": ";
        append_json(out, item, sort_keys);
      }
      out += '}';
      return;
    }
    default: out += json_string(v.str()); return;
  }
}

Value from_json(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return Value::none();
    case nlohmann::json::value_t::boolean: return Value(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return Value(j.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: return Value(static_cast<int64_t>(j.get<uint64_t>()));
    case nlohmann::json::value_t::number_float: return Value(j.get<double>());
    case nlohmann::json::value_t::string: return Value(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (const auto& item : j) items.push_back(from_json(item));
      return Value::list(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      Value out = Value::dict();
      for (const auto& [key, item] : j.items()) out.dict_data().set(Value(key), from_json(item));
      return out;
    }
    default: return Value::none();
  }
}

// A string scalar as YAML writes it: plain when it reads back as the same
// string, else single-quoted.
std::string yaml_string(const std::string& s) {
  bool plain = !s.empty() && s.find_first_of(":#{}[],&*!|>'\"%@`\n\t") == std::string::npos && s.front() != ' ' &&
               s.back() != ' ' && s.front() != '-' && s.front() != '?';
  if (plain) {
    project::ConfigValue read = project::parse_config_text(s, "toyaml");
    plain = read.kind() == project::ConfigValue::Kind::String && read.text() == s;
  }
  if (plain) return s;
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

std::string yaml_scalar(const Value& v) {
  if (v.is_none() || v.is_undefined()) return "null";
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_int() || v.is_float()) return v.str();
  return yaml_string(v.str());
}

bool is_collection(const Value& v) { return (v.is_list() && !v.list_data().items.empty()) || (v.is_dict() && !v.dict_data().items.empty()); }

void append_yaml(std::string& out, const Value& v, int indent, bool sort_keys) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_dict() && !v.dict_data().items.empty()) {
    auto items = v.dict_data().items;
    if (sort_keys) std::stable_sort(items.begin(), items.end(), [](auto& x, auto& y) { return x.first.str() < y.first.str(); });
    for (const auto& [key, item] : items) {
      out += pad + yaml_scalar(key) + ":";
      if (is_collection(item)) {
        out += "\n";
        append_yaml(out, item, item.is_dict() ? indent + 2 : indent, sort_keys);
      } else {
        out += " " + (item.is_list() ? std::string("[]") : item.is_dict() ? std::string("{}") : yaml_scalar(item)) + "\n";
      }
    }
  } else if (v.is_list() && !v.list_data().items.empty()) {
    for (const auto& item : v.list_data().items) {
      if (is_collection(item)) {
        std::string nested;
        append_yaml(nested, item, indent + 2, sort_keys);
        out += pad + "- " + nested.substr(static_cast<size_t>(indent) + 2);
      } else {
        out += pad + "- " + (item.is_list() ? std::string("[]") : item.is_dict() ? std::string("{}") : yaml_scalar(item)) + "\n";
      }
    }
  } else {
    out += pad + (v.is_list() ? std::string("[]") : v.is_dict() ? std::string("{}") : yaml_scalar(v)) + "\n";
  }
}

// itertools.combinations / combinations_with_replacement / permutations of `pool`, r at a time, in its order.
Value combinatoric(const std::vector<Value>& pool, int64_t r, bool replacement, bool ordered) {
  std::vector<Value> out;
  size_t n = pool.size();
  if (r < 0) throw jinja::EvalError("r must be non-negative");
  size_t k = static_cast<size_t>(r);
  std::vector<size_t> idx(k, 0);
  std::function<void(size_t, size_t)> walk = [&](size_t depth, size_t start) {
    if (depth == k) {
      std::vector<Value> t;
      for (size_t i : idx) t.push_back(pool[i]);
      out.push_back(Value::tuple(std::move(t)));
      return;
    }
    for (size_t i = ordered ? 0 : start; i < n; ++i) {
      if (ordered && std::find(idx.begin(), idx.begin() + static_cast<long>(depth), i) != idx.begin() + static_cast<long>(depth)) continue;
      idx[depth] = i;
      walk(depth + 1, replacement ? i : i + 1);
    }
  };
  if (replacement || k <= n) walk(0, 0);
  return Value::list(std::move(out));
}

Value itertools_module() {
  std::vector<std::pair<std::string, Value>> m;
  m.emplace_back("chain", function("chain", [](CallArgs& a) {
    std::vector<Value> out;
    for (auto& items : iterables(a)) out.insert(out.end(), items.begin(), items.end());
    return Value::list(std::move(out));
  }));
  m.emplace_back("product", function("product", [](CallArgs& a) {
    auto pools = iterables(a);
    int64_t repeat = a.kwarg("repeat") ? a.kwarg("repeat")->as_int() : 1;
    std::vector<std::vector<Value>> all;
    for (int64_t r = 0; r < repeat; ++r) all.insert(all.end(), pools.begin(), pools.end());
    std::vector<std::vector<Value>> result{{}};
    for (const auto& pool : all) {
      std::vector<std::vector<Value>> next;
      for (const auto& prefix : result)
        for (const auto& item : pool) {
          next.push_back(prefix);
          next.back().push_back(item);
        }
      result = std::move(next);
    }
    std::vector<Value> out;
    for (auto& t : result) out.push_back(Value::tuple(std::move(t)));
    return Value::list(std::move(out));
  }));
  m.emplace_back("combinations", function("combinations", [](CallArgs& a) {
    return combinatoric(jinja::iterate(a.get(0, "iterable", Value()), true), a.get(1, "r", Value(0)).as_int(), false, false);
  }));
  m.emplace_back("combinations_with_replacement", function("combinations_with_replacement", [](CallArgs& a) {
    return combinatoric(jinja::iterate(a.get(0, "iterable", Value()), true), a.get(1, "r", Value(0)).as_int(), true, false);
  }));
  m.emplace_back("permutations", function("permutations", [](CallArgs& a) {
    auto pool = jinja::iterate(a.get(0, "iterable", Value()), true);
    Value r = a.get(1, "r", Value::none());
    return combinatoric(pool, r.is_none() ? static_cast<int64_t>(pool.size()) : r.as_int(), false, true);
  }));
  m.emplace_back("islice", function("islice", [](CallArgs& a) {
    auto items = jinja::iterate(a.get(0, "iterable", Value()), true);
    int64_t start = 0, stop, step = 1;
    if (a.positional.size() <= 2) {
      Value s = a.get(1, "stop", Value::none());
      stop = s.is_none() ? static_cast<int64_t>(items.size()) : s.as_int();
    } else {
      start = a.positional[1].is_none() ? 0 : a.positional[1].as_int();
      stop = a.positional[2].is_none() ? static_cast<int64_t>(items.size()) : a.positional[2].as_int();
      if (a.positional.size() > 3 && !a.positional[3].is_none()) step = a.positional[3].as_int();
    }
    std::vector<Value> out;
    for (int64_t i = start; i < stop && i < static_cast<int64_t>(items.size()); i += std::max<int64_t>(step, 1))
      out.push_back(items[static_cast<size_t>(i)]);
    return Value::list(std::move(out));
  }));
  m.emplace_back("zip_longest", function("zip_longest", [](CallArgs& a) {
    auto lists = iterables(a);
    Value fill = a.kwarg("fillvalue") ? *a.kwarg("fillvalue") : Value::none();
    size_t n = 0;
    for (const auto& l : lists) n = std::max(n, l.size());
    std::vector<Value> out;
    for (size_t i = 0; i < n; ++i) {
      std::vector<Value> t;
      for (const auto& l : lists) t.push_back(i < l.size() ? l[i] : fill);
      out.push_back(Value::tuple(std::move(t)));
    }
    return Value::list(std::move(out));
  }));
  return Value::object(std::make_shared<jinja::RecordObject>(std::move(m), "<module 'itertools'>"));
}

// set(): the distinct items as a list, sorted when they can be compared,
// so that two sets of the same items are equal (`set(a) != set(b)`), as
// Python's are, whatever order the items came in.
Value unique_items(const Value& v) {
  std::vector<Value> out;
  for (const auto& item : jinja::iterate(v, true)) {
    jinja::check_hashable(item);
    if (!jinja::contains(Value::list(out), item)) out.push_back(item);
  }
  try {
    std::vector<Value> sorted = out;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Value& a, const Value& b) { return jinja::less_than(a, b); });
    out = std::move(sorted);
  } catch (const std::exception&) {
    // items of kinds Python cannot order (1 and 'a'): in the order they came
  }
  return Value::list(std::move(out));
}

}  // namespace

std::string python_json(const Value& value, bool sort_keys) {
  std::string out;
  append_json(out, value, sort_keys);
  return out;
}

std::string python_yaml(const Value& value, bool sort_keys) {
  std::string out;
  append_yaml(out, value, 0, sort_keys);
  return out;
}

void install_python_helpers(jinja::Environment& env) {
  env.add_function("zip", [](CallArgs& a) {
    auto lists = iterables(a);
    size_t n = lists.empty() ? 0 : SIZE_MAX;
    for (const auto& l : lists) n = std::min(n, l.size());
    std::vector<Value> out;
    for (size_t i = 0; i < n; ++i) {
      std::vector<Value> t;
      for (const auto& l : lists) t.push_back(l[i]);
      out.push_back(Value::tuple(std::move(t)));
    }
    return Value::list(std::move(out));
  });
  env.add_function("set", [](CallArgs& a) { return unique_items(a.get(0, "value", Value::list())); });
  env.add_function("try_set", [](CallArgs& a) {
    try {
      return unique_items(a.get(0, "value", Value::list()));
    } catch (const std::exception&) {
      return a.get(1, "default", Value::none());
    }
  });
  env.add_function("tojson", [](CallArgs& a) {
    return Value(python_json(a.get(0, "value", Value::none()), a.get(2, "sort_keys", Value(false)).truthy()));
  });
  env.add_function("fromjson", [](CallArgs& a) {
    std::string text = a.get(0, "string", Value("")).str();
    try {
      return from_json(nlohmann::ordered_json::parse(text));
    } catch (const nlohmann::json::exception&) {
      Value fallback = a.get(1, "default", Value());
      if (!fallback.is_undefined()) return fallback;
      throw jinja::EvalError("fromjson: not JSON: " + text.substr(0, 80));
    }
  });
  env.add_function("toyaml", [](CallArgs& a) {
    return Value(python_yaml(a.get(0, "value", Value::none()), a.get(2, "sort_keys", Value(false)).truthy()));
  });
  env.add_function("fromyaml", [](CallArgs& a) {
    std::string text = a.get(0, "value", Value("")).str();
    try {
      return template_value(project::parse_config_text(text, "fromyaml"));
    } catch (const ConfigError& e) {
      Value fallback = a.get(1, "default", Value());
      if (!fallback.is_undefined()) return fallback;
      throw jinja::EvalError(e.what());
    }
  });
  auto timezone = function("timezone", [](CallArgs& a) {
    std::string name = a.get(0, "zone", Value("UTC")).str();
    return Value::object(std::make_shared<jinja::RecordObject>(
        std::vector<std::pair<std::string, Value>>{{"zone", Value(name)}}, name));
  });
  extend_global(env, "modules",
                {{"re", python_re_module()},
                 {"itertools", itertools_module()},
                 {"pytz", Value::object(std::make_shared<jinja::RecordObject>(
                              std::vector<std::pair<std::string, Value>>{{"timezone", timezone}, {"utc", timezone}},
                              "<module 'pytz'>"))}});
  auto raise_with = [](const char* name, const char* prefix) {
    std::string label = prefix;
    return function(name, [label](CallArgs& a) -> Value {
      throw jinja::EvalError(label + a.get(0, "msg", Value("")).str());
    });
  };
  extend_global(env, "exceptions",
                {{"raise_not_implemented", raise_with("raise_not_implemented", "not implemented: ")},
                 {"raise_database_error", raise_with("raise_database_error", "database error: ")},
                 {"raise_fail_fast_error", raise_with("raise_fail_fast_error", "")}});
}

}  // namespace mrun::parse
