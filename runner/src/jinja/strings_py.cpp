#include "jinja/strings_py.h"

#include <algorithm>

#include "jinja/template_error.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }

template <typename F>
std::string map_cps(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_utf8(out, f(utf8_next(s, i)));
  return out;
}
}  // namespace

std::string py_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = utf8_next(s, i);
    if (cp == 0xdf) out += "SS";  // the one common one-to-many mapping
    else append_utf8(out, cp_upper(cp));
  }
  return out;
}
std::string py_lower(std::string_view s) { return map_cps(s, cp_lower); }

std::string py_strip(std::string_view s, const Value& chars, bool left, bool right) {
  std::vector<std::string> cs = utf8_chars(s);
  auto strip_it = [&](const std::string& c) {
    if (chars.is_none() || chars.is_undefined()) {
      size_t i = 0;
      return is_py_space(utf8_next(c, i));
    }
    return chars.as_string().find(c) != std::string::npos;
  };
  size_t b = 0, e = cs.size();
  if (left)
    while (b < e && strip_it(cs[b])) ++b;
  if (right)
    while (e > b && strip_it(cs[e - 1])) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) out += cs[i];
  return out;
}

std::vector<std::string> py_split(std::string_view s, const Value& sep, int64_t maxsplit, bool from_right) {
  std::vector<std::string> out;
  if (sep.is_none() || sep.is_undefined()) {
    std::vector<std::pair<size_t, size_t>> words;
    size_t i = 0;
    while (i < s.size()) {
      size_t start = i;
      uint32_t cp = utf8_next(s, i);
      if (is_py_space(cp)) continue;
      size_t end = i;
      while (i < s.size()) {
        size_t before = i;
        if (is_py_space(utf8_next(s, i))) {
          i = before;
          break;
        }
        end = i;
      }
      words.emplace_back(start, end);
    }
    if (maxsplit < 0 || static_cast<size_t>(maxsplit) + 1 >= words.size()) {
      for (auto [a, b] : words) out.emplace_back(s.substr(a, b - a));
      return out;
    }
    if (!from_right) {
      for (int64_t k = 0; k < maxsplit; ++k) out.emplace_back(s.substr(words[k].first, words[k].second - words[k].first));
      std::string rest(s.substr(words[maxsplit].first));
      out.push_back(py_strip(rest, Value::none(), false, true));
    } else {
      size_t keep = words.size() - maxsplit;
      std::string head(s.substr(0, words[keep - 1].second));
      out.push_back(py_strip(head, Value::none(), true, false));
      for (size_t k = keep; k < words.size(); ++k) out.emplace_back(s.substr(words[k].first, words[k].second - words[k].first));
    }
    return out;
  }
  if (!sep.is_string()) throw EvalError("must be str or None, not " + std::string(sep.is_int() ? "int" : "object"));
  const std::string& d = sep.as_string();
  if (d.empty()) throw EvalError("empty separator");
  std::vector<size_t> hits;
  for (size_t p = s.find(d); p != std::string_view::npos; p = s.find(d, p + d.size())) hits.push_back(p);
  if (maxsplit >= 0 && hits.size() > static_cast<size_t>(maxsplit)) {
    if (from_right) hits.erase(hits.begin(), hits.end() - maxsplit);
    else hits.resize(maxsplit);
  }
  size_t start = 0;
  for (size_t h : hits) {
    out.emplace_back(s.substr(start, h - start));
    start = h + d.size();
  }
  out.emplace_back(s.substr(start));
  return out;
}

std::string py_replace(std::string_view s, std::string_view from, std::string_view to, int64_t count) {
  std::string out;
  if (from.empty()) {
    auto cs = utf8_chars(s);
    int64_t done = 0;
    for (const auto& c : cs) {
      if (count < 0 || done < count) out += to, ++done;
      out += c;
    }
    if (count < 0 || done < count) out += to;
    return out;
  }
  size_t start = 0;
  int64_t done = 0;
  for (size_t p = s.find(from); p != std::string_view::npos && (count < 0 || done < count); p = s.find(from, start)) {
    out.append(s.substr(start, p - start));
    out.append(to);
    start = p + from.size();
    ++done;
  }
  out.append(s.substr(start));
  return out;
}

std::string py_title(std::string_view s) {
  bool prev_cased = false;
  return map_cps(s, [&](uint32_t cp) {
    bool cased = cp_is_cased(cp);
    uint32_t r = cased ? (prev_cased ? cp_lower(cp) : cp_title(cp)) : cp;
    prev_cased = cased;
    return r;
  });
}

std::string py_capitalize(std::string_view s) {
  bool first = true;
  return map_cps(s, [&](uint32_t cp) {
    uint32_t r = first ? cp_title(cp) : cp_lower(cp);
    first = false;
    return r;
  });
}

int64_t py_count(std::string_view s, std::string_view sub) {
  if (sub.empty()) return static_cast<int64_t>(utf8_length(s)) + 1;
  int64_t n = 0;
  for (size_t p = s.find(sub); p != std::string_view::npos; p = s.find(sub, p + sub.size())) ++n;
  return n;
}

size_t utf8_prefix_length(std::string_view s, size_t bytes) { return utf8_length(s.substr(0, bytes)); }

bool py_is(std::string_view s, std::string_view which) {
  // ASCII-only rules for these (non-ASCII letters count as Python does for
  // isalnum/isidentifier only roughly: any non-ASCII code point is a letter).
  if (which == "isascii") return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 128; });
  if (which == "isprintable") {
    for (size_t i = 0; i < s.size();) {
      uint32_t cp = utf8_next(s, i);
      if (cp < 32 || cp == 127) return false;
    }
    return true;
  }
  if (s.empty()) return false;
  auto letter = [](char c) { return is_alpha(c) || static_cast<unsigned char>(c) >= 128; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (which == "isdecimal" || which == "isnumeric") return std::all_of(s.begin(), s.end(), digit);
  if (which == "isalnum") return std::all_of(s.begin(), s.end(), [&](char c) { return letter(c) || digit(c); });
  if (which == "isidentifier")
    return !digit(s[0]) && std::all_of(s.begin(), s.end(), [&](char c) { return letter(c) || digit(c) || c == '_'; });
  if (which == "istitle") {
    // Upper case letters only at the start of a word, lower case ones only inside one.
    bool cased = false, previous_cased = false;
    for (size_t i = 0; i < s.size();) {
      uint32_t cp = utf8_next(s, i);
      bool lower = cp_is_lower(cp), upper = cp_is_upper(cp) || cp_is_title(cp);
      if (upper) {
        if (previous_cased) return false;
        previous_cased = cased = true;
      } else if (lower) {
        if (!previous_cased) return false;
        previous_cased = cased = true;
      } else {
        previous_cased = false;
      }
    }
    return cased;
  }
  if (which == "isdigit") return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (which == "isalpha") return std::all_of(s.begin(), s.end(), is_alpha);
  if (which == "isspace") {
    for (size_t i = 0; i < s.size();)
      if (!is_py_space(utf8_next(s, i))) return false;
    return true;
  }
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = utf8_next(s, i);
    bool lower = cp_is_lower(cp), upper = cp_is_upper(cp), title = cp_is_title(cp);
    if (which == "isupper" ? lower || title : upper || title) return false;
    cased |= lower || upper;
  }
  return cased;
}

std::string py_pad(std::string_view s, std::string_view which, int64_t width, std::string_view fill) {
  int64_t len = static_cast<int64_t>(utf8_length(s));
  if (width > (1 << 20)) throw EvalError("width too large");
  if (width <= len) return std::string(s);
  int64_t n = width - len;
  auto rep = [&](int64_t k) {
    std::string r;
    for (int64_t i = 0; i < k; ++i) r += fill;
    return r;
  };
  if (which == "zfill") {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) return std::string(1, s[0]) + rep(n) + std::string(s.substr(1));
    return rep(n) + std::string(s);
  }
  if (which == "ljust") return std::string(s) + rep(n);
  if (which == "rjust") return rep(n) + std::string(s);
  int64_t left = n / 2 + (n & width & 1);
  return rep(left) + std::string(s) + rep(n - left);
}

std::string py_swapcase(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = utf8_next(s, i);
    append_utf8(out, cp_is_upper(cp) ? cp_lower(cp) : cp_is_lower(cp) ? cp_upper(cp) : cp);
  }
  return out;
}

std::string py_expandtabs(std::string_view s, int64_t tabsize) {
  std::string out;
  int64_t column = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = utf8_next(s, i);
    if (cp == '\t') {
      if (tabsize > 0) {
        int64_t spaces = tabsize - column % tabsize;
        out.append(static_cast<size_t>(spaces), ' ');
        column += spaces;
      }
    } else if (cp == '\n' || cp == '\r') {
      append_utf8(out, cp);
      column = 0;
    } else {
      append_utf8(out, cp);
      ++column;
    }
  }
  return out;
}

}  // namespace mrun::jinja
