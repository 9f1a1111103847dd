// Jinja2's `urlize` filter: turns URLs and e-mail addresses in text into
// links, the way Jinja2 3.1 does (worked out from its documentation and by
// comparing outputs with it, runner/tests/jinja).
//
// The text is HTML-escaped first (unless it is markup already) and split at
// white space. Of each word, leading '(' '<' '&lt;' and trailing ')' '>' '.'
// ',' '&gt;' are set aside (closing brackets are kept when the word opens
// more than it closes). What is left becomes a link when it is
//   - an http(s) URL or one starting with `www.` or a bare domain ending in
//     .com .net .int .edu .gov .org .info .mil (href "https://..." unless it
//     starts with "http://" or "https://"); its text cut to trim_url_limit
//     code points followed by "...";
//   - an e-mail address, or one after `mailto:` (no rel nor target);
//   - a word starting with one of the extra schemes (e.g. "tel:", "ftp://").
// URL links carry rel="..." and target="..." when these are not empty.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mrun::jinja {

struct UrlizeOptions {
  /// Link texts longer than this many code points are cut to it and "..."
  /// appended (Python slicing: a negative limit cuts from the end).
  std::optional<int64_t> trim_url_limit;
  /// Set when the limit given was not an integer: called (and throws) once a
  /// link text is to be cut, as Jinja2 fails only when it finds a URL.
  std::function<void()> invalid_trim_url_limit;
  /// The rel attribute of URL links (empty: none).
  std::string rel;
  /// The target attribute of URL links (empty: none).
  std::string target;
  /// Prefixes such as "tel:" or "ftp://" whose words become links as they are.
  std::vector<std::string> extra_schemes;
};

/// `html` with its URLs and e-mail addresses made links. `html` must be
/// HTML-escaped text (Jinja2 escapes the filter's input before this step).
std::string urlize(std::string_view html, const UrlizeOptions& options);

/// Whether `scheme` is a prefix urlize accepts among extra_schemes: two or
/// more of letters, digits, '_', '.', '+', '-', then ':' and up to two '/'.
bool is_uri_scheme_prefix(std::string_view scheme);

}  // namespace mrun::jinja
