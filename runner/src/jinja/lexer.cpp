#include "jinja/lexer.h"

#include <algorithm>
#include <cstring>

#include "jinja/template_error.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f'); }
bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool is_name_char(char c) { return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
 public:
  Lexer(std::string_view src, const std::string& name) : src_(src), name_(name) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < src.size(); ++i)
      if (src[i] == '\n') line_starts_.push_back(i + 1);
  }

  std::vector<Token> run() {
    tokens_.reserve(src_.size() / 8 + 16);  // about one token per 8 bytes of SQL templates: no regrowth
    size_t pos = 0;
    while (pos < src_.size()) {
      size_t tag = find_tag(pos);
      std::string data(src_.substr(pos, tag - pos));
      if (tag >= src_.size()) {
        emit_data(pos, std::move(data));
        break;
      }
      char kind = src_[tag + 1];
      size_t p = tag + 2;
      bool strip_before = false;
      if (p < src_.size() && (src_[p] == '-' || src_[p] == '+')) {
        strip_before = src_[p] == '-';
        ++p;
      }
      if (strip_before) rstrip(data);
      if (kind == '%' && try_raw(pos, tag, p, data, pos)) continue;
      emit_data(pos, std::move(data));
      if (kind == '#') {
        pos = skip_comment(tag, p);
      } else {
        pos = lex_tag(tag, p, kind == '{');
      }
    }
    tokens_.push_back(Token{TokenType::Eof, pos_at(src_.size()), "", 0, 0, src_.size()});
    return std::move(tokens_);
  }

 private:
  ast::Pos pos_at(size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line = it - line_starts_.begin();
    return ast::Pos{static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1] + 1)};
  }

  [[noreturn]] void fail(size_t offset, const std::string& message) const {
    ast::Pos p = pos_at(offset);
    throw TemplateError(SourceLocation{name_, p.line, p.column}, message, src_);
  }

  size_t find_tag(size_t from) const {
    for (size_t i = from; i + 1 < src_.size(); ++i) {
      if (src_[i] != '{') continue;
      char c = src_[i + 1];
      if (c == '{' || c == '%' || c == '#') return i;
    }
    return src_.size();
  }

  static void rstrip(std::string& s) {
    while (!s.empty() && is_space(s.back())) s.pop_back();
  }

  size_t skip_space(size_t p) const {
    while (p < src_.size() && is_space(src_[p])) ++p;
    return p;
  }

  void emit_data(size_t offset, std::string data) {
    if (!data.empty()) tokens_.push_back(Token{TokenType::Data, pos_at(offset), std::move(data), 0, 0});
  }

  /// Matches "\s*word\s*(-%}\s*|%})" at p (block tag body of raw/endraw);
  /// returns the offset after it, or npos.
  size_t match_word_tag(size_t p, std::string_view word, bool allow_plus_end) const {
    p = skip_space(p);
    if (src_.substr(p, word.size()) != word) return std::string_view::npos;
    p = skip_space(p + word.size());
    if (src_.substr(p, 3) == "-%}") return skip_space(p + 3);
    if (allow_plus_end && src_.substr(p, 3) == "+%}") return p + 3;
    if (src_.substr(p, 2) == "%}") return p + 2;
    return std::string_view::npos;
  }

  /// Handles `{% raw %}...{% endraw %}` starting at `tag`; false if not raw.
  bool try_raw(size_t data_start, size_t tag, size_t p, std::string& data, size_t& next) {
    size_t body = match_word_tag(p, "raw", false);
    if (body == std::string_view::npos) return false;
    emit_data(data_start, std::move(data));
    for (size_t i = body; i + 1 < src_.size(); ++i) {
      if (src_[i] != '{' || src_[i + 1] != '%') continue;
      size_t q = i + 2;
      bool strip = false;
      if (q < src_.size() && (src_[q] == '-' || src_[q] == '+')) strip = src_[q++] == '-';
      size_t end = match_word_tag(q, "endraw", true);
      if (end == std::string_view::npos) continue;
      std::string raw(src_.substr(body, i - body));
      if (strip) rstrip(raw);
      emit_data(body, std::move(raw));
      next = end;
      return true;
    }
    fail(tag, "Missing end of raw directive");
  }

  size_t skip_comment(size_t tag, size_t p) const {
    for (size_t i = p; i + 1 < src_.size(); ++i) {
      if (src_[i] == '-' && src_.substr(i, 3) == "-#}") return skip_space(i + 3);
      if (src_[i] == '+' && src_.substr(i, 3) == "+#}") return i + 3;
      if (src_[i] == '#' && src_[i + 1] == '}') return i + 2;
    }
    fail(tag, "Missing end of comment tag");
  }

  /// Lexes the inside of {{ }} or {% %}; returns the offset after the end.
  size_t lex_tag(size_t tag, size_t p, bool variable) {
    tokens_.push_back(Token{variable ? TokenType::VarBegin : TokenType::BlockBegin, pos_at(tag), "", 0, 0, tag});
    std::vector<char> brackets;
    const char end_char = variable ? '}' : '%';
    while (true) {
      p = skip_space(p);
      if (p >= src_.size()) fail(tag, variable ? "unexpected end of template, expected '}}'" : "unexpected end of template, expected '%}'");
      if (brackets.empty()) {
        size_t after = std::string_view::npos;
        if (src_[p] == '-' && p + 2 < src_.size() + 0 && src_[p + 1] == end_char && src_[p + 2] == '}')
          after = skip_space(p + 3);
        else if (!variable && src_[p] == '+' && src_.substr(p, 3) == "+%}")
          after = p + 3;
        else if (src_[p] == end_char && p + 1 < src_.size() && src_[p + 1] == '}')
          after = p + 2;
        if (after != std::string_view::npos) {
          tokens_.push_back(Token{variable ? TokenType::VarEnd : TokenType::BlockEnd, pos_at(p), "", 0, 0, after});
          return after;
        }
      }
      p = lex_token(p, brackets);
    }
  }

  size_t lex_token(size_t p, std::vector<char>& brackets) {
    char c = src_[p];
    if (is_digit(c)) return lex_number(p);
    if (c == '\'' || c == '"') return lex_string(p);
    Token tok{TokenType::Op, pos_at(p), "", 0, 0};
    if (is_name_start(c)) {
      size_t e = p;
      while (e < src_.size() && is_name_char(src_[e])) ++e;
      tok.type = TokenType::Name;
      tok.text = std::string(src_.substr(p, e - p));
      tokens_.push_back(std::move(tok));
      return e;
    }
    static constexpr std::string_view kTwo[] = {"//", "**", "==", "!=", ">=", "<="};
    for (std::string_view op : kTwo)
      if (c == op[0] && p + 1 < src_.size() && src_[p + 1] == op[1]) {
        tokens_.push_back(Token{TokenType::Op, tok.pos, std::string(op), 0, 0, p});
        return p + 2;
      }
    if (!std::strchr("+-/*%~[](){}><=.:|,;", c) || c == '\0') fail(p, std::string("unexpected char '") + c + "'");
    if (c == '(' || c == '[' || c == '{') brackets.push_back(c);
    if (c == ')' || c == ']' || c == '}') {
      char open = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (brackets.empty()) fail(p, std::string("unexpected '") + c + "'");
      if (brackets.back() != open) fail(p, std::string("unexpected '") + c + "', expected '" + (brackets.back() == '(' ? ')' : brackets.back() == '[' ? ']' : '}') + "'");
      brackets.pop_back();
    }
    tok.text = std::string(1, c);
    tokens_.push_back(std::move(tok));
    return p + 1;
  }

  /// Digits with optional single underscores between them.
  size_t scan_digits(size_t p, std::string& out, bool hex = false) const {
    while (p < src_.size()) {
      char c = src_[p];
      if (is_digit(c) || (hex && std::isxdigit(static_cast<unsigned char>(c)))) {
        out += c;
        ++p;
      } else if (c == '_' && p + 1 < src_.size() && !out.empty() &&
                 (is_digit(src_[p + 1]) || (hex && std::isxdigit(static_cast<unsigned char>(src_[p + 1]))))) {
        ++p;
      } else {
        break;
      }
    }
    return p;
  }

  size_t lex_number(size_t p) {
    Token tok{TokenType::Int, pos_at(p), "", 0, 0};
    if (src_[p] == '0' && p + 1 < src_.size() && std::strchr("xXoObB", src_[p + 1]) && src_[p + 1] != '\0') {
      char kind = static_cast<char>(std::tolower(src_[p + 1]));
      int base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
      size_t q = p + 2;
      std::string digits;
      while (q < src_.size()) {
        char c = static_cast<char>(std::tolower(src_[q]));
        bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) : base == 8 ? (c >= '0' && c <= '7') : (c == '0' || c == '1');
        if (ok) digits += c;
        else if (!(c == '_' && !digits.empty())) break;
        ++q;
      }
      if (!digits.empty()) {
        tok.int_value = 0;
        for (char c : digits) {
          int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a' + 10;
          if (tok.int_value > (INT64_MAX - d) / base) fail(p, "integer literal too large");
          tok.int_value = tok.int_value * base + d;
        }
        tokens_.push_back(std::move(tok));
        return q;
      }
    }
    std::string text;
    size_t q = scan_digits(p, text);
    bool is_float = false;
    if (q + 1 < src_.size() && src_[q] == '.' && is_digit(src_[q + 1])) {
      text += '.';
      q = scan_digits(q + 1, text);
      is_float = true;
    }
    if (q < src_.size() && (src_[q] == 'e' || src_[q] == 'E')) {
      size_t r = q + 1;
      std::string exp = "e";
      if (r < src_.size() && (src_[r] == '+' || src_[r] == '-')) exp += src_[r++];
      if (r < src_.size() && is_digit(src_[r])) {
        std::string d;
        q = scan_digits(r, d);
        text += exp + d;
        is_float = true;
      }
    }
    if (is_float) {
      tok.type = TokenType::Float;
      tok.float_value = std::strtod(text.c_str(), nullptr);
    } else {
      // Python rejects decimal literals with leading zeros ("01").
      if (text.size() > 1 && text[0] == '0' && text.find_first_not_of('0') != std::string::npos) {
        tok.int_value = 0;
        tokens_.push_back(tok);
        return p + 1;
      }
      for (char c : text) {
        if (tok.int_value > (INT64_MAX - (c - '0')) / 10) {
          tok.big = true;  // the parser reads `text` as a big integer
          break;
        }
        tok.int_value = tok.int_value * 10 + (c - '0');
      }
    }
    tok.text = text;
    tokens_.push_back(std::move(tok));
    return q;
  }

  size_t lex_string(size_t p) {
    char quote = src_[p];
    std::string out;
    size_t q = p + 1;
    while (true) {
      if (q >= src_.size()) fail(p, "unexpected end of string");
      char c = src_[q];
      if (c == quote) break;
      if (c != '\\') {
        out += c;
        ++q;
        continue;
      }
      if (q + 1 >= src_.size()) fail(p, "unexpected end of string");
      char e = src_[q + 1];
      q += 2;
      switch (e) {
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '\n': break;
        case 'x': case 'u': case 'U': {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          uint32_t cp = 0;
          for (int k = 0; k < n; ++k, ++q) {
            if (q >= src_.size() || !std::isxdigit(static_cast<unsigned char>(src_[q])))
              fail(p, std::string("truncated \\") + e + " escape");
            char h = static_cast<char>(std::tolower(src_[q]));
            cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : h - 'a' + 10);
          }
          if (cp > 0x10ffff) fail(p, "illegal Unicode character");
          append_utf8(out, cp);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            uint32_t cp = e - '0';
            for (int k = 0; k < 2 && q < src_.size() && src_[q] >= '0' && src_[q] <= '7'; ++k) cp = cp * 8 + (src_[q++] - '0');
            append_utf8(out, cp);
          } else if (e == 'N') {
            fail(p, "\\N{...} escapes are not supported");
          } else {
            out += '\\';
            q -= 1;  // keep the following character as is
          }
      }
    }
    tokens_.push_back(Token{TokenType::String, pos_at(p), std::move(out), 0, 0});
    return q + 1;
  }

  std::string_view src_;
  const std::string& name_;
  std::vector<size_t> line_starts_;
  std::vector<Token> tokens_;
};

}  // namespace

std::string normalize_source(std::string_view source) {
  if (std::memchr(source.data(), '\r', source.size()) == nullptr) {  // the usual case: one copy
    if (!source.empty() && source.back() == '\n') source.remove_suffix(1);
    return std::string(source);
  }
  std::string out;
  out.reserve(source.size());
  for (size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\r') {
      out += '\n';
      if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
    } else {
      out += source[i];
    }
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::vector<Token> tokenize(std::string_view source, const std::string& name) {
  return Lexer(source, name).run();
}

std::string describe_token(const Token& token) {
  switch (token.type) {
    case TokenType::Eof: return "end of template";
    case TokenType::VarEnd: return "end of print statement";
    case TokenType::BlockEnd: return "end of statement block";
    case TokenType::VarBegin: return "begin of print statement";
    case TokenType::BlockBegin: return "begin of statement block";
    case TokenType::Data: return "template data";
    case TokenType::String: return "string";
    case TokenType::Int: return "integer";
    case TokenType::Float: return "float";
    default: return "'" + token.text + "'";
  }
}

}  // namespace mrun::jinja
