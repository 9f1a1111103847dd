#include "jinja/utf8.h"

namespace mrun::jinja {

uint32_t utf8_next(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len <= 1 || i + len > s.size()) {
    ++i;
    return b;
  }
  uint32_t cp = b & (0x7f >> len);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 2) {
      ++i;
      return b;
    }
    cp = (cp << 6) | (c & 0x3f);
  }
  i += len;
  return cp;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    utf8_next(s, i);
    ++n;
  }
  return n;
}

std::vector<std::string> utf8_chars(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    utf8_next(s, i);
    out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

bool is_py_space(uint32_t cp) {
  return (cp >= 9 && cp <= 13) || cp == ' ' || (cp >= 0x1c && cp <= 0x1f) || cp == 0x85 || cp == 0xa0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f ||
         cp == 0x205f || cp == 0x3000;
}

namespace {

// The digraphs of Latin Extended-B come in threes: upper, title, lower
// case (Ǆ ǅ ǆ, Ǉ ǈ ǉ, Ǌ ǋ ǌ, Ǳ ǲ ǳ). The upper case one of `cp`'s three, or 0.
uint32_t digraph_upper(uint32_t cp) {
  if (cp >= 0x1c4 && cp <= 0x1cc) return 0x1c4 + (cp - 0x1c4) / 3 * 3;
  if (cp >= 0x1f1 && cp <= 0x1f3) return 0x1f1;
  return 0;
}

}  // namespace

uint32_t cp_upper(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp < 0x80) return cp;
  if (uint32_t digraph = digraph_upper(cp)) return digraph;
  if (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7) return cp - 32;
  if (cp == 0xff) return 0x178;
  if (cp == 0xb5) return 0x39c;
  if (cp >= 0x100 && cp <= 0x17f && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17f) {
    bool odd_lower = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177);
    if (odd_lower) return (cp & 1) ? cp - 1 : cp;
    return (cp & 1) ? cp : (cp == 0x178 ? cp : cp - 1);
  }
  if (cp >= 0x3b1 && cp <= 0x3c9 && cp != 0x3c2) return cp - 32;
  if (cp == 0x3c2) return 0x3a3;
  if (cp >= 0x430 && cp <= 0x44f) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45f) return cp - 80;
  return cp;
}

uint32_t cp_lower(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0x80) return cp;
  if (uint32_t digraph = digraph_upper(cp)) return digraph + 2;
  if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) return cp + 32;
  if (cp == 0x178) return 0xff;
  if (cp >= 0x100 && cp <= 0x17f && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17f) {
    bool odd_lower = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177);
    if (odd_lower) return (cp & 1) ? cp : cp + 1;
    return (cp & 1) ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42f) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40f) return cp + 80;
  return cp;
}

uint32_t cp_title(uint32_t cp) {
  uint32_t digraph = digraph_upper(cp);
  return digraph ? digraph + 1 : cp_upper(cp);
}

bool cp_is_title(uint32_t cp) {
  uint32_t digraph = digraph_upper(cp);
  return digraph && cp == digraph + 1;
}

bool cp_is_upper(uint32_t cp) { return cp_lower(cp) != cp && !cp_is_title(cp); }

bool cp_is_lower(uint32_t cp) { return cp_upper(cp) != cp && !cp_is_title(cp); }

bool cp_is_cased(uint32_t cp) {
  return cp_upper(cp) != cp || cp_lower(cp) != cp || cp == 0xdf;
}

}  // namespace mrun::jinja
