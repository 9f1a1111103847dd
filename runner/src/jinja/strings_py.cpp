#include "jinja/strings_py.h"

#include <algorithm>

#include "jinja/template_error.h"
#include "jinja/unicode_data.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

/// Python's Final_Sigma context of the Σ at cps[i]: a cased letter before it
/// and none after it, skipping case-ignorable code points both ways.
bool is_final_sigma(const std::vector<uint32_t>& cps, size_t i) {
  size_t j = i;
  while (j > 0 && has_property(cps[j - 1], kCaseIgnorable)) --j;
  if (j == 0 || !has_property(cps[j - 1], kCased)) return false;
  size_t k = i + 1;
  while (k < cps.size() && has_property(cps[k], kCaseIgnorable)) ++k;
  return k == cps.size() || !has_property(cps[k], kCased);
}

/// str.lower()'s mapping of cps[i] (Σ depends on its neighbours).
void append_lower(std::string& out, const std::vector<uint32_t>& cps, size_t i) {
  constexpr uint32_t kCapitalSigma = 0x3a3, kSmallSigma = 0x3c3, kSmallFinalSigma = 0x3c2;
  if (cps[i] == kCapitalSigma) append_utf8(out, is_final_sigma(cps, i) ? kSmallFinalSigma : kSmallSigma);
  else append_case_mapping(out, cps[i], CaseMapping::lower);
}

std::string map_each(std::string_view s, CaseMapping which) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_case_mapping(out, utf8_next(s, i), which);
  return out;
}

}  // namespace

std::string py_upper(std::string_view s) { return map_each(s, CaseMapping::upper); }

std::string py_lower(std::string_view s) {
  std::vector<uint32_t> cps = utf8_code_points(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < cps.size(); ++i) append_lower(out, cps, i);
  return out;
}

std::string py_casefold(std::string_view s) { return map_each(s, CaseMapping::fold); }

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
  std::vector<uint32_t> cps = utf8_code_points(s);
  std::string out;
  bool previous_cased = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (previous_cased) append_lower(out, cps, i);
    else append_case_mapping(out, cps[i], CaseMapping::title);
    previous_cased = has_property(cps[i], kCased);
  }
  return out;
}

std::string py_capitalize(std::string_view s) {
  std::vector<uint32_t> cps = utf8_code_points(s);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i == 0) append_case_mapping(out, cps[i], CaseMapping::title);
    else append_lower(out, cps, i);
  }
  return out;
}

int64_t py_count(std::string_view s, std::string_view sub) {
  if (sub.empty()) return static_cast<int64_t>(utf8_length(s)) + 1;
  int64_t n = 0;
  for (size_t p = s.find(sub); p != std::string_view::npos; p = s.find(sub, p + sub.size())) ++n;
  return n;
}

size_t utf8_prefix_length(std::string_view s, size_t bytes) { return utf8_length(s.substr(0, bytes)); }

bool py_is(std::string_view s, std::string_view which) {
  if (which == "isascii") return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 128; });
  std::vector<uint32_t> cps = utf8_code_points(s);
  auto all = [&](auto pred) { return std::all_of(cps.begin(), cps.end(), pred); };
  auto all_have = [&](UnicodeProperty p) { return all([p](uint32_t cp) { return has_property(cp, p); }); };
  if (which == "isprintable") return all_have(kPrintable);
  if (cps.empty()) return false;
  if (which == "isalpha") return all_have(kAlpha);
  if (which == "isdecimal") return all_have(kDecimal);
  if (which == "isdigit") return all_have(kDigit);
  if (which == "isnumeric") return all_have(kNumeric);
  if (which == "isspace") return all_have(kSpace);
  if (which == "isalnum") return all(is_alnum);
  if (which == "isidentifier")
    return has_property(cps[0], kIdentifierStart) &&
           std::all_of(cps.begin() + 1, cps.end(), [](uint32_t cp) { return has_property(cp, kIdentifierContinue); });
  if (which == "istitle") {
    // Upper and title case letters only at the start of a word, lower case ones only inside one.
    bool cased = false, previous_cased = false;
    for (uint32_t cp : cps) {
      if (has_property(cp, kUpper) || has_property(cp, kTitle)) {
        if (previous_cased) return false;
        previous_cased = cased = true;
      } else if (has_property(cp, kLower)) {
        if (!previous_cased) return false;
        previous_cased = cased = true;
      } else {
        previous_cased = false;
      }
    }
    return cased;
  }
  // isupper / islower: no letter of the other case nor title case, and at least one of this case.
  UnicodeProperty wanted = which == "isupper" ? kUpper : kLower, other = which == "isupper" ? kLower : kUpper;
  bool cased = false;
  for (uint32_t cp : cps) {
    if (has_property(cp, other) || has_property(cp, kTitle)) return false;
    cased |= has_property(cp, wanted);
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
  std::vector<uint32_t> cps = utf8_code_points(s);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (has_property(cps[i], kUpper)) append_lower(out, cps, i);
    else if (has_property(cps[i], kLower)) append_case_mapping(out, cps[i], CaseMapping::upper);
    else append_utf8(out, cps[i]);
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
