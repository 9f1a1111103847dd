#include "text_format.h"

namespace mrun::moviegen {

void append_csv_field(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length (1 for bytes that
// do not start a valid sequence, which are then passed through).
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    cp = 0xFFFFFFFF;
    return 1;
  }
  cp = len == 1 ? b : (b & (0x7F >> len));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return len;
}

// Python's str.isprintable() for the non-ASCII code points: separators
// (Zs other than space, Zl, Zp), controls and format characters are not.
bool py_printable_non_ascii(uint32_t cp) {
  if (cp < 0xA1 || cp == 0xAD) return false;
  if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F)) return false;
  if ((cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  return true;
}

void append_hex(std::string& out, uint32_t v, int digits) {
  static const char kHex[] = "0123456789abcdef";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 0xF]);
}

}  // namespace

void append_py_str(std::string& out, std::string_view v) {
  const bool has_single = v.find('\'') != std::string_view::npos;
  const bool has_double = v.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  out.push_back(quote);
  for (size_t i = 0; i < v.size();) {
    uint32_t cp;
    const size_t len = decode_utf8(v, i, cp);
    if (cp == 0xFFFFFFFF) {
      out.push_back(v[i]);
    } else if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c == quote || c == '\\') {
        out.push_back('\\');
        out.push_back(c);
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (cp < 0x20 || cp == 0x7F) {
        out.append("\\x");
        append_hex(out, cp, 2);
      } else {
        out.push_back(c);
      }
    } else if (py_printable_non_ascii(cp)) {
      out.append(v.substr(i, len));
    } else if (cp < 0x100) {
      out.append("\\x");
      append_hex(out, cp, 2);
    } else if (cp < 0x10000) {
      out.append("\\u");
      append_hex(out, cp, 4);
    } else {
      out.append("\\U");
      append_hex(out, cp, 8);
    }
    i += len;
  }
  out.push_back(quote);
}

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(buf[--n]);
}

void append_zero_padded(std::string& out, uint64_t v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (int pad = width - n; pad > 0; --pad) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

void append_py_float_micros(std::string& out, uint64_t micros) {
  if (micros == 0) {
    out.append("0.0");
    return;
  }
  if (micros < 100) {  // below 1e-4 Python switches to exponent notation
    const int exponent = micros < 10 ? -6 : -5;
    out.push_back(static_cast<char>('0' + (micros < 10 ? micros : micros / 10)));
    if (micros >= 10 && micros % 10 != 0) {
      out.push_back('.');
      out.push_back(static_cast<char>('0' + micros % 10));
    }
    out.append("e-0");
    out.push_back(static_cast<char>('0' - exponent));
    return;
  }
  append_uint(out, micros / 1000000);
  out.push_back('.');
  uint64_t frac = micros % 1000000;
  if (frac == 0) {
    out.push_back('0');
    return;
  }
  int digits = 6;
  while (frac % 10 == 0) {
    frac /= 10;
    --digits;
  }
  append_zero_padded(out, frac, digits);
}

void append_tenths(std::string& out, uint64_t tenths) {
  append_uint(out, tenths / 10);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + tenths % 10));
}

void append_date(std::string& out, int year, int month, int day) {
  append_zero_padded(out, static_cast<uint64_t>(year), 4);
  out.push_back('-');
  append_zero_padded(out, static_cast<uint64_t>(month), 2);
  out.push_back('-');
  append_zero_padded(out, static_cast<uint64_t>(day), 2);
}

}  // namespace mrun::moviegen
