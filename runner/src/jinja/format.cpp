#include "jinja/format.h"

#include <cmath>
#include <cstdio>

#include "jinja/operators.h"
#include "jinja/template_error.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

std::string num_to_string(const Value& v, char type, int precision, bool alt) {
  char buf[512];
  switch (type) {
    case 'd': case 'i': case 'u':
      if (!v.is_number()) throw EvalError("%" + std::string(1, type) + " format: a number is required, not " + type_name(v));
      if (v.is_float()) return std::to_string(float_to_int(v.as_double()));
      return v.is_bool() ? std::to_string(v.as_int()) : v.str();
    case 'x': case 'X': case 'o':
      if (!v.is_int() && !v.is_bool()) throw EvalError("%" + std::string(1, type) + " format: an integer is required");
      std::snprintf(buf, sizeof buf, type == 'x' ? (alt ? "%#llx" : "%llx") : type == 'X' ? (alt ? "%#llX" : "%llX") : "%llo",
                    static_cast<long long>(v.as_int()));
      return buf;
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
      if (!v.is_number()) throw EvalError("must be real number, not " + type_name(v));
      double d = v.as_double();
      if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
      if (std::isnan(d)) return "nan";
      if (precision < 0) precision = 6;
      if (precision > 100) precision = 100;
      std::string fmt = std::string("%") + (alt ? "#" : "") + "." + std::to_string(precision) + type;
      std::snprintf(buf, sizeof buf, fmt.c_str(), d);
      return buf;
    }
  }
  throw EvalError(std::string("unsupported format character '") + type + "'");
}

/// `s` padded with `fill` to `width` code points (Python counts characters, not bytes).
std::string pad(std::string s, char align, char fill, size_t width) {
  size_t length = utf8_length(s);
  if (length >= width) return s;
  size_t n = width - length;
  if (align == '<') return s + std::string(n, fill);
  if (align == '^') return std::string(n / 2, fill) + s + std::string(n - n / 2, fill);
  if (align == '=' && !s.empty() && (s[0] == '-' || s[0] == '+')) return s.substr(0, 1) + std::string(n, fill) + s.substr(1);
  return std::string(n, fill) + s;
}

/// The first `precision` code points of `s` (a string's %.Ns and {:.N}).
void truncate_to(std::string& s, int precision) {
  if (precision < 0) return;
  size_t i = 0;
  for (int k = 0; k < precision && i < s.size(); ++k) utf8_next(s, i);
  s.resize(i);
}

}  // namespace

std::string percent_format(std::string_view fmt, const Value& args) {
  std::vector<Value> items = args.is_tuple() ? args.list_data().items : std::vector<Value>{args};
  size_t next = 0;
  std::string out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out += fmt[i];
      continue;
    }
    if (++i >= fmt.size()) throw EvalError("incomplete format");
    Value v;
    bool have = false;
    if (fmt[i] == '(') {
      size_t close = fmt.find(')', i);
      if (close == std::string_view::npos || !args.is_dict()) throw EvalError("format requires a mapping");
      const Value* found = args.dict_data().find(fmt.substr(i + 1, close - i - 1));
      if (!found) throw EvalError("KeyError: '" + std::string(fmt.substr(i + 1, close - i - 1)) + "'");
      v = *found;
      have = true;
      i = close + 1;
    }
    bool left = false, zero = false, plus = false, space = false, alt = false;
    for (; i < fmt.size() && std::string_view("-0+ #").find(fmt[i]) != std::string_view::npos; ++i) {
      left |= fmt[i] == '-';
      zero |= fmt[i] == '0';
      plus |= fmt[i] == '+';
      space |= fmt[i] == ' ';
      alt |= fmt[i] == '#';
    }
    size_t width = 0;
    while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) width = std::min<size_t>(width * 10 + (fmt[i++] - '0'), 1000);
    int precision = -1;
    if (i < fmt.size() && fmt[i] == '.') {
      precision = 0;
      ++i;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) precision = std::min(precision * 10 + (fmt[i++] - '0'), 1000);
    }
    if (i >= fmt.size()) throw EvalError("incomplete format");
    char type = fmt[i];
    if (type == '%') {
      out += '%';
      continue;
    }
    if (!have) {
      if (args.is_dict() && !args.is_tuple()) v = args;
      else if (next >= items.size()) throw EvalError("not enough arguments for format string");
      else v = items[next++];
    }
    std::string s;
    if (type == 's') s = v.str();
    else if (type == 'r' || type == 'a') s = v.repr();
    else if (type == 'c') s = v.is_string() ? v.as_string() : std::string(1, static_cast<char>(v.as_int()));
    else s = num_to_string(v, type, precision, alt);
    if (type == 's' || type == 'r') truncate_to(s, precision);
    if (v.is_number() && std::string_view("sr").find(type) == std::string_view::npos && s[0] != '-') {
      if (plus) s = "+" + s;
      else if (space) s = " " + s;
    }
    out += pad(s, left ? '<' : (zero && v.is_number() && type != 's' ? '=' : '>'), zero && !left && type != 's' ? '0' : ' ', width);
  }
  // Python treats any non-tuple with __getitem__ (list, dict) as a mapping here.
  if (next < items.size() && !args.is_dict() && !(args.is_list() && !args.is_tuple())) throw EvalError("not all arguments converted during string formatting");
  return out;
}

std::string format_spec(const Value& v, std::string_view spec) {
  size_t i = 0;
  char fill = ' ', align = 0;
  if (spec.size() >= 2 && std::string_view("<>^=").find(spec[1]) != std::string_view::npos) {
    fill = spec[0];
    align = spec[1];
    i = 2;
  } else if (!spec.empty() && std::string_view("<>^=").find(spec[0]) != std::string_view::npos) {
    align = spec[0];
    i = 1;
  }
  char sign = '-';
  if (i < spec.size() && std::string_view("+- ").find(spec[i]) != std::string_view::npos) sign = spec[i++];
  bool alt = false;
  if (i < spec.size() && spec[i] == '#') alt = true, ++i;
  if (i < spec.size() && spec[i] == '0') {
    if (!align) fill = '0', align = '=';
    ++i;
  }
  size_t width = 0;
  while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) width = std::min<size_t>(width * 10 + (spec[i++] - '0'), 1000);
  bool comma = false;
  if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) comma = true, ++i;
  int precision = -1;
  if (i < spec.size() && spec[i] == '.') {
    precision = 0;
    ++i;
    while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) precision = std::min(precision * 10 + (spec[i++] - '0'), 1000);
  }
  char type = i < spec.size() ? spec[i++] : 0;
  if (i != spec.size()) throw EvalError("Invalid format specifier");
  std::string s;
  if (v.is_string() || (!v.is_number())) {
    if (type && type != 's') throw EvalError("Unknown format code '" + std::string(1, type) + "' for object of type '" + type_name(v) + "'");
    s = v.str();
    truncate_to(s, precision);
    return pad(s, align ? align : '<', fill, width);
  }
  if (!type) s = v.is_float() && precision >= 0 ? num_to_string(v, 'g', precision, alt) : v.str();
  else if (type == '%') s = num_to_string(Value(v.as_double() * 100), 'f', precision, alt) + "%";
  else if (type == 'n') s = v.str();
  else s = num_to_string(v, type, precision, alt);
  if (comma) {
    size_t start = s[0] == '-' ? 1 : 0;
    size_t end = s.find_first_not_of("0123456789", start);
    if (end == std::string::npos) end = s.size();
    for (int64_t k = static_cast<int64_t>(end) - 3; k > static_cast<int64_t>(start); k -= 3) s.insert(k, ",");
  }
  if (s[0] != '-' && sign != '-') s = std::string(1, sign) + s;
  return pad(s, align ? align : '>', fill, width);
}

std::string brace_format(std::string_view fmt, const CallArgs& args) {
  std::string out;
  size_t auto_index = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c == '}') {
      if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      throw EvalError("Single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    size_t close = fmt.find('}', i);
    if (close == std::string_view::npos) throw EvalError("Single '{' encountered in format string");
    std::string_view field = fmt.substr(i + 1, close - i - 1);
    i = close;
    std::string_view spec;
    size_t colon = field.find(':');
    if (colon != std::string_view::npos) {
      spec = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    size_t bang = field.find('!');
    char conversion = 0;
    if (bang != std::string_view::npos) {
      conversion = bang + 1 < field.size() ? field[bang + 1] : 0;
      field = field.substr(0, bang);
    }
    size_t dot = field.find_first_of(".[");
    std::string_view head = field.substr(0, dot);
    Value v;
    if (head.empty()) {
      if (auto_index >= args.positional.size()) throw EvalError("Replacement index " + std::to_string(auto_index) + " out of range for positional args tuple");
      v = args.positional[auto_index++];
    } else if (std::isdigit(static_cast<unsigned char>(head[0]))) {
      size_t k = std::stoul(std::string(head));
      if (k >= args.positional.size()) throw EvalError("Replacement index " + std::to_string(k) + " out of range for positional args tuple");
      v = args.positional[k];
    } else {
      const Value* found = args.kwarg(head);
      if (!found) throw EvalError("KeyError: '" + std::string(head) + "'");
      v = *found;
    }
    if (dot != std::string_view::npos) {
      std::string_view rest = field.substr(dot);
      while (!rest.empty()) {
        if (rest[0] == '.') {
          size_t e = rest.find_first_of(".[", 1);
          std::string attr(rest.substr(1, e == std::string_view::npos ? std::string_view::npos : e - 1));
          if (!v.is_object()) throw EvalError("'" + type_name(v) + "' object has no attribute '" + attr + "'");
          v = get_attr(v, attr);
          rest = e == std::string_view::npos ? std::string_view() : rest.substr(e);
        } else {
          size_t e = rest.find(']');
          if (e == std::string_view::npos) throw EvalError("Missing ']' in format string");
          std::string key(rest.substr(1, e - 1));
          bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
          v = get_item(v, numeric ? Value(static_cast<int64_t>(std::stoll(key))) : Value(key));
          rest = rest.substr(e + 1);
        }
      }
    }
    if (conversion == 'r') v = Value(v.repr());
    else if (conversion == 's') v = Value(v.str());
    out += format_spec(v, spec);
  }
  return out;
}

}  // namespace mrun::jinja
