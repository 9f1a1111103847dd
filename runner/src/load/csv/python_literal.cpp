#include "load/csv/python_literal.h"

#include <cstdint>

#include "util/utf8.h"

namespace mrun::load {

namespace {

constexpr int kMaxDepth = 256;  // deeper nesting is an error, not a stack overflow

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Converter {
 public:
  Converter(std::string_view text, std::string& out, PythonLiteralError& error)
      : s_(text), out_(out), error_(error) {}

  bool run() {
    skip_space();
    if (!value(0)) return false;
    skip_space();
    if (i_ != s_.size()) return fail("unexpected '" + std::string(1, s_[i_]) + "' after the value");
    return true;
  }

 private:
  bool fail(std::string message) {
    error_.offset = i_;
    error_.message = std::move(message);
    return false;
  }
  bool at_end() const { return i_ >= s_.size(); }
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  void skip_space() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        ++i_;
      } else if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
        i_ += peek(1) == '\n' ? 2 : 3;  // explicit line joining
      } else {
        break;
      }
    }
  }

  bool value(int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    if (at_end()) return fail("expected a value, found the end");
    char c = peek();
    switch (c) {
      case '[': return sequence(depth, ']');
      case '(': return sequence(depth, ')');
      case '{': return dict_or_set(depth);
      case '\'':
      case '"': return string();
      default: break;
    }
    if (is_digit(c) || c == '.' || c == '-' || c == '+') return number();
    if (is_ident(c)) {
      size_t start = i_;
      while (i_ < s_.size() && is_ident(s_[i_])) ++i_;
      std::string_view word = s_.substr(start, i_ - start);
      if ((peek() == '\'' || peek() == '"') && word.size() <= 2) {
        bool raw = false;
        for (char p : word) {
          char l = static_cast<char>(p | 0x20);
          if (l == 'r') raw = true;
          else if (l == 'b') { i_ = start; return fail("bytes literals have no JSON form"); }
          else if (l != 'u') { i_ = start; return fail("unsupported string prefix '" + std::string(word) + "'"); }
        }
        return string(raw);
      }
      if (word == "None") return out_.append("null"), true;
      if (word == "True") return out_.append("true"), true;
      if (word == "False") return out_.append("false"), true;
      i_ = start;
      return fail("unexpected name '" + std::string(word) + "' (only None, True and False are literals)");
    }
    return fail("unexpected '" + std::string(1, c) + "'");
  }

  // [a, b] and (a, b) become JSON arrays; (a) is just a.
  bool sequence(int depth, char close) {
    ++i_;
    size_t bracket = out_.size();
    out_ += '[';
    skip_space();
    size_t items = 0;
    bool comma = false;
    while (peek() != close) {
      if (items > 0) {
        if (peek() != ',') return at_end() ? fail("unclosed '" + std::string(1, close == ']' ? '[' : '(') + "'")
                                           : fail("expected ',' or '" + std::string(1, close) + "'");
        ++i_;
        comma = true;
        skip_space();
        if (peek() == close) break;
        out_ += ',';
      }
      if (!value(depth + 1)) return false;
      ++items;
      skip_space();
    }
    ++i_;
    if (close == ')' && items == 1 && !comma) {  // parentheses around one value, not a tuple
      out_.erase(bracket, 1);
      return true;
    }
    out_ += ']';
    return true;
  }

  // {k: v, ...} is a dict (JSON object); {a, b} is a set (JSON array).
  bool dict_or_set(int depth) {
    ++i_;
    skip_space();
    if (peek() == '}') {
      ++i_;
      out_ += "{}";
      return true;
    }
    size_t open = out_.size();
    out_ += '{';
    bool is_dict = true;
    for (size_t n = 0;; ++n) {
      if (n > 0) out_ += ',';
      size_t key_at = out_.size();
      size_t key_offset = i_;
      if (!value(depth + 1)) return false;
      skip_space();
      if (n == 0 && peek() != ':') {
        is_dict = false;
        out_[open] = '[';
      }
      if (is_dict) {
        if (peek() != ':') return fail("expected ':' after a dict key");
        char k = out_[key_at];
        if (k == '[' || k == '{') {
          i_ = key_offset;
          return fail("a dict key must be a string, number, None, True or False");
        }
        if (k != '"') {  // like json.dumps: 16 -> "16", None -> "null"
          out_.insert(key_at, 1, '"');
          out_ += '"';
        }
        ++i_;
        out_ += ':';
        skip_space();
        if (!value(depth + 1)) return false;
        skip_space();
      }
      if (peek() == ',') {
        ++i_;
        skip_space();
        if (peek() == '}') break;
        continue;
      }
      if (peek() == '}') break;
      return at_end() ? fail("unclosed '{'") : fail("expected ',' or '}'");
    }
    ++i_;
    out_ += is_dict ? '}' : ']';
    return true;
  }

  // Appends code point `cp` to the JSON string being written.
  bool code_point(uint32_t cp, size_t at) {
    if (cp == 0) return i_ = at, fail("NUL character (jsonb cannot store \\u0000)");
    if (cp >= 0xD800 && cp <= 0xDFFF) return i_ = at, fail("lone surrogate (jsonb cannot store it)");
    if (cp > 0x10FFFF) return i_ = at, fail("code point above U+10FFFF");
    if (cp < 0x80) append_ascii(static_cast<char>(cp));
    else append_utf8(out_, cp);
    return true;
  }

  void append_ascii(char c) {
    static const char* const kHex = "0123456789abcdef";
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out_ += "\\u00";
          out_ += kHex[(c >> 4) & 0xF];
          out_ += kHex[c & 0xF];
        } else {
          out_ += c;
        }
    }
  }

  // Reads `digits` hex digits after an escape; -1 when they are not there.
  int64_t hex_digits(int digits) {
    int64_t v = 0;
    for (int k = 0; k < digits; ++k) {
      int h = hex_value(peek(k));
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    i_ += digits;
    return v;
  }

  bool escape() {
    size_t at = i_;  // at the backslash
    ++i_;
    if (at_end()) return fail("backslash at the end");
    char c = s_[i_++];
    switch (c) {
      case '\n': return true;  // line continuation inside the string
      case '\r': if (peek() == '\n') ++i_; return true;
      case '\\': out_ += "\\\\"; return true;
      case '\'': out_ += '\''; return true;
      case '"': out_ += "\\\""; return true;
      case 'a': return code_point(7, at);
      case 'b': out_ += "\\b"; return true;
      case 'f': out_ += "\\f"; return true;
      case 'n': out_ += "\\n"; return true;
      case 'r': out_ += "\\r"; return true;
      case 't': out_ += "\\t"; return true;
      case 'v': return code_point(11, at);
      case 'x':
      case 'u':
      case 'U': {
        int64_t v = hex_digits(c == 'x' ? 2 : c == 'u' ? 4 : 8);
        if (v < 0) return i_ = at, fail(std::string("truncated \\") + c + " escape");
        return code_point(static_cast<uint32_t>(v), at);
      }
      case 'N': return i_ = at, fail("\\N{...} escapes are not supported");
      default:
        if (c >= '0' && c <= '7') {
          uint32_t v = static_cast<uint32_t>(c - '0');
          for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k) v = v * 8 + static_cast<uint32_t>(s_[i_++] - '0');
          return code_point(v, at);
        }
        out_ += "\\\\";  // unknown escapes keep the backslash, as in Python
        --i_;
        return true;
    }
  }

  // One or more adjacent string literals ('a' "b" is "ab"), as one JSON string.
  bool string(bool raw = false) {
    out_ += '"';
    for (;;) {
      size_t open = i_;
      char q = s_[i_];
      bool triple = peek(1) == q && peek(2) == q;
      i_ += triple ? 3 : 1;
      for (;;) {
        if (at_end()) return i_ = open, fail("unterminated string");
        // Copy a run of plain bytes at once.
        size_t run = i_;
        while (i_ < s_.size()) {
          char c = s_[i_];
          if (c == q || c == '\\' || c == '"' || static_cast<unsigned char>(c) < 0x20) break;
          ++i_;
        }
        out_.append(s_.data() + run, i_ - run);
        if (at_end()) continue;
        char c = s_[i_];
        if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
          i_ += triple ? 3 : 1;
          break;
        }
        if (c == '\\') {
          if (raw) {
            out_ += "\\\\";
            ++i_;
            if (!at_end() && (s_[i_] == q || s_[i_] == '\\')) append_ascii(s_[i_++]);
          } else if (!escape()) {
            return false;
          }
          continue;
        }
        if ((c == '\n' || c == '\r') && !triple) return fail("line end inside a string");
        append_ascii(c);  // the other quote, or a control character
        ++i_;
      }
      size_t after = i_;
      skip_space();
      raw = false;
      if (peek() == '\'' || peek() == '"') continue;
      size_t prefix = i_;
      while (prefix < s_.size() && prefix - i_ < 2 && (s_[prefix] | 0x20) == 'r') ++prefix;
      if (prefix > i_ && prefix < s_.size() && (s_[prefix] == '\'' || s_[prefix] == '"')) {
        raw = true;
        i_ = prefix;
        continue;
      }
      i_ = after;
      break;
    }
    out_ += '"';
    return true;
  }

  // Digits with '_' separators; returns them without the separators.
  std::string digits(bool (*accept)(char)) {
    std::string d;
    while (i_ < s_.size() && (accept(s_[i_]) || (s_[i_] == '_' && i_ + 1 < s_.size() && accept(s_[i_ + 1])))) {
      if (s_[i_] != '_') d += s_[i_];
      ++i_;
    }
    return d;
  }

  bool number() {
    size_t start = i_;
    bool negative = false;
    while (peek() == '-' || peek() == '+') {
      if (peek() == '-') negative = !negative;
      ++i_;
      skip_space();
    }
    if (!is_digit(peek()) && !(peek() == '.' && is_digit(peek(1)))) return fail("expected a number");
    size_t number_start = i_;
    char base_char = static_cast<char>(peek(1) | 0x20);
    if (peek() == '0' && (base_char == 'x' || base_char == 'o' || base_char == 'b')) {
      int base = base_char == 'x' ? 16 : base_char == 'o' ? 8 : 2;
      i_ += 2;
      if (peek() == '_') ++i_;
      unsigned __int128 v = 0;
      size_t n = 0;
      for (; i_ < s_.size(); ++i_) {
        if (s_[i_] == '_') continue;
        int h = hex_value(s_[i_]);
        if (h < 0 || h >= base) break;
        v = v * base + h;
        if (++n > 30) return i_ = number_start, fail("integer literal too large");
      }
      if (n == 0) return fail("bad number");
      if (i_ < s_.size() && is_ident(s_[i_])) return fail("bad number");
      std::string text;
      do {
        text.insert(text.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
      } while (v != 0);
      if (negative) out_ += '-';
      out_ += text;
      return true;
    }
    std::string whole = digits(is_digit);
    std::string fraction;
    bool has_point = false;
    if (peek() == '.') {
      has_point = true;
      ++i_;
      fraction = digits(is_digit);
    }
    std::string exponent;
    if ((peek() | 0x20) == 'e') {
      size_t e = i_;
      ++i_;
      if (peek() == '+' || peek() == '-') exponent += s_[i_++];
      std::string d = digits(is_digit);
      if (d.empty()) return i_ = e, fail("bad exponent");
      exponent += d;
    }
    if ((peek() | 0x20) == 'j') return i_ = start, fail("complex numbers have no JSON form");
    if (i_ < s_.size() && (is_ident(s_[i_]) || s_[i_] == '.')) return fail("bad number");
    if (!has_point && exponent.empty() && whole.size() > 1 && whole[0] == '0' &&
        whole.find_first_not_of('0') != std::string::npos)
      return i_ = number_start, fail("leading zeros in an integer");
    // JSON wants no leading zeros, digits on both sides of the point.
    size_t nz = whole.find_first_not_of('0');
    whole = nz == std::string::npos ? "0" : whole.substr(nz);
    if (negative) out_ += '-';
    out_ += whole;
    if (has_point) {
      out_ += '.';
      out_ += fraction.empty() ? "0" : fraction;
    }
    if (!exponent.empty()) {
      out_ += 'e';
      out_ += exponent;
    }
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string& out_;
  PythonLiteralError& error_;
};

}  // namespace

bool python_literal_to_json(std::string_view text, std::string& json, PythonLiteralError& error) {
  return Converter(text, json, error).run();
}

}  // namespace mrun::load
