#include "jinja/serialize.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "jinja/operators.h"
#include "jinja/template_error.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

/// repr() with dict keys sorted, as pprint.pformat(sort_dicts=True).
std::string sorted_repr(const Value& v) {
  if (v.is_dict()) {
    auto items = v.dict_data().items;
    std::stable_sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return less_than(x.first, y.first); });
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].first.repr() + ": " + sorted_repr(items[i].second);
    return out + "}";
  }
  if (v.is_list()) {
    const auto& items = v.list_data().items;
    std::string out = v.is_tuple() ? "(" : "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + sorted_repr(items[i]);
    if (v.is_tuple() && items.size() == 1) out += ",";
    return out + (v.is_tuple() ? ")" : "]");
  }
  return v.repr();
}
}  // namespace

/// pprint.pformat(width=80): containers too wide for the line are split one
/// item per line (long strings are not split: a known difference).
std::string pformat(const Value& v, size_t indent, size_t allowance) {
  std::string rep = sorted_repr(v);
  if (rep.size() + indent + allowance <= 80 || !(v.is_list() || v.is_dict())) return rep;
  bool dict = v.is_dict();
  size_t n = dict ? v.dict_data().items.size() : v.list_data().items.size();
  if (n == 0) return rep;
  std::string open = dict ? "{" : v.is_tuple() ? "(" : "[";
  std::string close = dict ? "}" : v.is_tuple() ? (n == 1 ? ",)" : ")") : "]";
  std::string out = open;
  std::vector<std::pair<Value, Value>> items;
  if (dict) {
    items = v.dict_data().items;
    std::stable_sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return less_than(x.first, y.first); });
  }
  for (size_t i = 0; i < n; ++i) {
    size_t allow = i + 1 == n ? allowance + close.size() : 1;
    if (i) out += ",\n" + std::string(indent + 1, ' ');
    if (dict) {
      std::string key = items[i].first.repr();
      out += key + ": " + pformat(items[i].second, indent + 1 + key.size() + 2, allow);
    } else {
      out += pformat(v.list_data().items[i], indent + 1, allow);
    }
  }
  return out + close;
}
std::string json_dump(const Value& v, int indent, int level) {
  std::string nl = indent > 0 ? "\n" + std::string((level + 1) * indent, ' ') : "";
  std::string close = indent > 0 ? "\n" + std::string(level * indent, ' ') : "";
  std::string sep = indent > 0 ? "," : ", ";
  switch (v.kind()) {
    case ValueKind::None: return "null";
    case ValueKind::Bool: return v.as_bool() ? "true" : "false";
    case ValueKind::Int: return v.str();
    case ValueKind::Float: {
      double d = v.as_double();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      return v.str();
    }
    case ValueKind::String: {
      std::string out = "\"";
      const std::string& s = v.as_string();
      for (size_t i = 0; i < s.size();) {
        uint32_t cp = utf8_next(s, i);
        char buf[16];
        switch (cp) {
          case '"': out += "\\\""; break;
          case '\\': out += "\\\\"; break;
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\t': out += "\\t"; break;
          case '\b': out += "\\b"; break;
          case '\f': out += "\\f"; break;
          case '<': out += "\\u003c"; break;
          case '>': out += "\\u003e"; break;
          case '&': out += "\\u0026"; break;
          case '\'': out += "\\u0027"; break;
          default:
            if (cp < 0x20 || cp >= 0x7f) {
              if (cp >= 0x10000) {
                uint32_t c = cp - 0x10000;
                std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
              } else {
                std::snprintf(buf, sizeof buf, "\\u%04x", cp);
              }
              out += buf;
            } else {
              out += static_cast<char>(cp);
            }
        }
      }
      return out + "\"";
    }
    case ValueKind::List: {
      if (v.list_data().items.empty()) return "[]";
      std::string out = "[";
      bool first = true;
      for (const auto& item : v.list_data().items) {
        out += (first ? "" : sep) + nl + json_dump(item, indent, level + 1);
        first = false;
      }
      return out + close + "]";
    }
    case ValueKind::Dict: {
      if (v.dict_data().items.empty()) return "{}";
      std::vector<std::pair<Value, Value>> items = v.dict_data().items;
      for (const auto& kv : items)
        if (!kv.first.is_string()) throw EvalError("keys must be str for tojson");
      std::stable_sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.first.as_string() < y.first.as_string(); });
      std::string out = "{";
      bool first = true;
      for (const auto& [k, val] : items) {
        out += (first ? "" : sep) + nl + json_dump(k, 0, 0) + ": " + json_dump(val, indent, level + 1);
        first = false;
      }
      return out + close + "}";
    }
    default: throw EvalError("Object of type " + type_name(v) + " is not JSON serializable");
  }
}

}  // namespace mrun::jinja
