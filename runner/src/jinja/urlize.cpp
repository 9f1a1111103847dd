#include "jinja/urlize.h"

#include <array>

#include "jinja/operators.h"
#include "jinja/unicode_data.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

size_t count_of(std::string_view s, std::string_view needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string_view::npos; p = s.find(needle, p + needle.size())) ++n;
  return n;
}

// Character classes of Python's regular expressions on str (Unicode rules).
bool is_word_char(uint32_t cp) { return cp == '_' || is_alnum(cp); }  // \w
bool is_decimal(uint32_t cp) { return has_property(cp, kDecimal); }  // \d

/// Whether `cp` matches the ASCII letter `lower` (a-z) case-insensitively as
/// Python's re does: besides both cases, 'ı' and 'İ' match i, 'ſ' s, 'K' (Kelvin) k.
bool letter_matches(uint32_t cp, char lower) {
  if (cp == static_cast<uint32_t>(lower) || cp == static_cast<uint32_t>(lower - 32)) return true;
  if (lower == 'i') return cp == 0x131 || cp == 0x130;
  if (lower == 's') return cp == 0x17f;
  if (lower == 'k') return cp == 0x212a;
  return false;
}
/// [a-z] under re.IGNORECASE.
bool is_letter_ignoring_case(uint32_t cp) {
  for (char c = 'a'; c <= 'z'; ++c)
    if (letter_matches(cp, c)) return true;
  return false;
}
/// [\da-f] under re.IGNORECASE.
bool is_hex_digit(uint32_t cp) {
  if (is_decimal(cp)) return true;
  for (char c = 'a'; c <= 'f'; ++c)
    if (letter_matches(cp, c)) return true;
  return false;
}

using CodePoints = std::vector<uint32_t>;

/// Whether cps[from, to) equals `ascii` ignoring case (Python's re rules).
bool equals_ignoring_case(const CodePoints& cps, size_t from, size_t to, std::string_view ascii) {
  if (to - from != ascii.size()) return false;
  for (size_t k = 0; k < ascii.size(); ++k) {
    char c = ascii[k];
    bool letter = c >= 'a' && c <= 'z';
    if (letter ? !letter_matches(cps[from + k], c) : cps[from + k] != static_cast<uint32_t>(c)) return false;
  }
  return true;
}

template <typename Pred>
bool all_in(const CodePoints& cps, size_t from, size_t to, Pred pred) {
  for (size_t k = from; k < to; ++k)
    if (!pred(cps[k])) return false;
  return true;
}

/// What may follow the host of a URL: nothing, or a port of 1 to 5 digits,
/// then nothing or a path, query or fragment (starting with '/', '?' or '#').
bool is_port_and_path(const CodePoints& cps, size_t from) {
  size_t k = from;
  if (k < cps.size() && cps[k] == ':') {
    size_t digits = 0;
    while (k + 1 + digits < cps.size() && is_decimal(cps[k + 1 + digits])) ++digits;
    if (digits == 0 || digits > 5) return false;
    k += 1 + digits;
  }
  return k == cps.size() || cps[k] == '/' || cps[k] == '?' || cps[k] == '#';
}

/// Labels of a host name cps[from, to) split at '.'.
std::vector<std::pair<size_t, size_t>> labels_of(const CodePoints& cps, size_t from, size_t to) {
  std::vector<std::pair<size_t, size_t>> labels;
  size_t start = from;
  for (size_t k = from; k <= to; ++k) {
    if (k == to || cps[k] == '.') {
      labels.emplace_back(start, k);
      start = k + 1;
    }
  }
  return labels;
}

bool is_label_char(uint32_t cp) { return is_word_char(cp) || cp == '%' || cp == '-'; }

/// After "http://", "https://" or "www.": labels then a top-level domain of
/// 2 to 63 letters or "xn--" and 2 to 59 more.
bool is_named_host(const CodePoints& cps, size_t from, size_t to) {
  auto labels = labels_of(cps, from, to);
  for (size_t l = 0; l + 1 < labels.size(); ++l)
    if (labels[l].first == labels[l].second || !all_in(cps, labels[l].first, labels[l].second, is_label_char)) return false;
  auto [tld_from, tld_to] = labels.back();
  size_t length = tld_to - tld_from;
  if (length >= 2 && length <= 63 && all_in(cps, tld_from, tld_to, is_letter_ignoring_case)) return true;
  return length >= 6 && length <= 63 && equals_ignoring_case(cps, tld_from, tld_from + 4, "xn--") &&
         all_in(cps, tld_from + 4, tld_to, [](uint32_t cp) { return is_word_char(cp) || cp == '%'; });
}

/// Without a scheme: labels of 2 to 63 characters and one of the common top-level domains.
bool is_bare_domain(const CodePoints& cps, size_t from, size_t to) {
  auto labels = labels_of(cps, from, to);
  if (labels.size() < 2) return false;
  for (size_t l = 0; l + 1 < labels.size(); ++l) {
    size_t length = labels[l].second - labels[l].first;
    if (length < 2 || length > 63 || !all_in(cps, labels[l].first, labels[l].second, is_label_char)) return false;
  }
  auto [tld_from, tld_to] = labels.back();
  for (std::string_view tld : {"com", "net", "int", "edu", "gov", "org", "info", "mil"})
    if (equals_ignoring_case(cps, tld_from, tld_to, tld)) return true;
  return false;
}

bool is_ipv4(const CodePoints& cps, size_t from, size_t to) {
  auto labels = labels_of(cps, from, to);
  if (labels.size() != 4) return false;
  for (auto [a, b] : labels)
    if (b - a < 1 || b - a > 3 || !all_in(cps, a, b, is_decimal)) return false;
  return true;
}

/// An IPv6 address in brackets starting at cps[from]; returns the index after ']' or 0.
size_t ipv6_end(const CodePoints& cps, size_t from) {
  if (from >= cps.size() || cps[from] != '[') return 0;
  size_t k = from + 1;
  for (int group = 0; group < 2; ++group) {  // two groups of up to 4 hex digits, each ending in ':'
    size_t digits = 0;
    while (k < cps.size() && is_hex_digit(cps[k]) && digits < 4) ++k, ++digits;
    if (k >= cps.size() || cps[k] != ':') return 0;
    ++k;
  }
  for (int group = 0; group < 6; ++group) {  // then 1 to 6 groups of up to 4 hex digits and an optional ':'
    size_t group_start = k, digits = 0;
    while (k < cps.size() && is_hex_digit(cps[k]) && digits < 4) ++k, ++digits;
    if (k < cps.size() && cps[k] == ':') ++k;
    if (k < cps.size() && cps[k] == ']') return k + 1;
    if (k == group_start) return 0;  // stuck before something else
  }
  return 0;
}

/// Length of a case-insensitive "http://" or "https://" at the start, or 0.
size_t http_scheme_length(const CodePoints& cps) {
  for (std::string_view scheme : {"http://", "https://"})
    if (cps.size() >= scheme.size() && equals_ignoring_case(cps, 0, scheme.size(), scheme)) return scheme.size();
  return 0;
}

size_t host_end(const CodePoints& cps, size_t from) {
  size_t k = from;
  while (k < cps.size() && cps[k] != ':' && cps[k] != '/' && cps[k] != '?' && cps[k] != '#') ++k;
  return k;
}

/// Whether `word` is a URL urlize links: scheme or www. and a host name; a
/// bare domain; or a scheme and an IP address; then an optional port and path.
bool is_url(std::string_view word) {
  CodePoints cps = utf8_code_points(word);
  size_t scheme = http_scheme_length(cps);
  size_t prefix = scheme ? scheme : (cps.size() >= 4 && equals_ignoring_case(cps, 0, 4, "www.") ? 4 : 0);
  if (prefix) {
    size_t end = host_end(cps, prefix);
    if (is_named_host(cps, prefix, end) && is_port_and_path(cps, end)) return true;
  }
  size_t end = host_end(cps, 0);
  if (is_bare_domain(cps, 0, end) && is_port_and_path(cps, end)) return true;
  if (!scheme) return false;
  end = host_end(cps, scheme);
  if (is_ipv4(cps, scheme, end) && is_port_and_path(cps, end)) return true;
  size_t after_ipv6 = ipv6_end(cps, scheme);
  return after_ipv6 && is_port_and_path(cps, after_ipv6);
}

/// Something '@' a domain: a word character, then word characters, '.' and
/// '-', ending in '.' and one or more word characters.
bool is_email(std::string_view word) {
  size_t at = word.rfind('@');
  if (at == std::string_view::npos || at == 0) return false;
  for (size_t i = 0; i < at;)
    if (is_py_space(utf8_next(word, i))) return false;
  CodePoints domain = utf8_code_points(word.substr(at + 1));
  if (domain.empty() || !is_word_char(domain[0])) return false;
  if (!all_in(domain, 0, domain.size(), [](uint32_t cp) { return is_word_char(cp) || cp == '.' || cp == '-'; }))
    return false;
  size_t dot = domain.size();
  while (dot > 0 && domain[dot - 1] != '.') --dot;
  return dot >= 2 && dot < domain.size() && all_in(domain, dot, domain.size(), is_word_char);
}

/// The first `limit` code points of `s` (Python's s[:limit], negative from the end) and "...".
std::string trimmed(std::string_view s, const UrlizeOptions& options) {
  if (options.invalid_trim_url_limit) options.invalid_trim_url_limit();
  const std::optional<int64_t>& limit = options.trim_url_limit;
  if (!limit) return std::string(s);
  std::vector<std::string> chars = utf8_chars(s);
  auto length = static_cast<int64_t>(chars.size());
  if (length <= *limit) return std::string(s);
  int64_t keep = *limit < 0 ? std::max<int64_t>(0, length + *limit) : *limit;
  std::string out;
  for (int64_t k = 0; k < keep; ++k) out += chars[static_cast<size_t>(k)];
  return out + "...";
}

struct WordParts {
  std::string head, middle, tail;
};

/// Sets aside leading opening and trailing closing punctuation, keeping the
/// closing brackets a word needs to balance the ones it opens.
WordParts split_punctuation(std::string_view word) {
  WordParts parts{"", std::string(word), ""};
  for (bool found = true; found;) {
    found = false;
    for (std::string_view open : {"(", "<", "&lt;"}) {
      if (starts_with(parts.middle, open)) {
        parts.head += open;
        parts.middle.erase(0, open.size());
        found = true;
      }
    }
  }
  size_t tail_start = parts.middle.size();
  for (bool found = true; found;) {
    found = false;
    std::string_view rest = std::string_view(parts.middle).substr(0, tail_start);
    for (std::string_view close : {")", ">", ".", ",", "\n", "&gt;"}) {
      if (ends_with(rest, close)) {
        tail_start -= close.size();
        found = true;
        break;
      }
    }
  }
  parts.tail = parts.middle.substr(tail_start);
  parts.middle.resize(tail_start);
  constexpr std::array<std::pair<std::string_view, std::string_view>, 3> brackets = {
      {{"(", ")"}, {"<", ">"}, {"&lt;", "&gt;"}}};
  for (auto [open, close] : brackets) {
    size_t opened = count_of(parts.middle, open);
    if (opened <= count_of(parts.middle, close)) continue;
    size_t moves = std::min(opened, count_of(parts.tail, close));
    for (size_t m = 0; m < moves; ++m) {
      size_t end = parts.tail.find(close) + close.size();
      parts.middle += parts.tail.substr(0, end);
      parts.tail.erase(0, end);
    }
  }
  return parts;
}

std::string link(std::string_view href, std::string_view text, std::string_view attributes) {
  std::string out = "<a href=\"";
  out.append(href).append("\"").append(attributes).append(">").append(text).append("</a>");
  return out;
}

std::string linked(const std::string& middle, const UrlizeOptions& options, const std::string& attributes) {
  if (is_url(middle)) {
    bool has_scheme = starts_with(middle, "https://") || starts_with(middle, "http://");
    return link(has_scheme ? middle : "https://" + middle, trimmed(middle, options), attributes);
  }
  if (starts_with(middle, "mailto:") && is_email(std::string_view(middle).substr(7)))
    return link(middle, std::string_view(middle).substr(7), "");
  if (middle.find('@') != std::string::npos && !starts_with(middle, "www.") && middle.find(':') == std::string::npos &&
      is_email(middle))
    return link("mailto:" + middle, middle, "");
  for (const auto& scheme : options.extra_schemes)
    if (middle != scheme && starts_with(middle, scheme)) return link(middle, middle, attributes);
  return middle;
}

}  // namespace

std::string urlize(std::string_view html, const UrlizeOptions& options) {
  std::string attributes;
  if (!options.rel.empty()) attributes += " rel=\"" + html_escape(options.rel) + "\"";
  if (!options.target.empty()) attributes += " target=\"" + html_escape(options.target) + "\"";
  std::string out;
  for (size_t i = 0; i < html.size();) {
    size_t start = i;
    bool space = is_py_space(utf8_next(html, i));
    while (i < html.size()) {
      size_t next = i;
      if (is_py_space(utf8_next(html, next)) != space) break;
      i = next;
    }
    std::string_view word = html.substr(start, i - start);
    if (space) {
      out += word;
      continue;
    }
    WordParts parts = split_punctuation(word);
    out += parts.head + linked(parts.middle, options, attributes) + parts.tail;
  }
  return out;
}

bool is_uri_scheme_prefix(std::string_view scheme) {
  size_t colon = scheme.find(':');
  if (colon == std::string_view::npos) return false;
  CodePoints name = utf8_code_points(scheme.substr(0, colon));
  if (name.size() < 2 ||
      !all_in(name, 0, name.size(), [](uint32_t cp) { return is_word_char(cp) || cp == '.' || cp == '+' || cp == '-'; }))
    return false;
  std::string_view slashes = scheme.substr(colon + 1);
  return slashes.size() <= 2 && slashes.find_first_not_of('/') == std::string_view::npos;
}

}  // namespace mrun::jinja
