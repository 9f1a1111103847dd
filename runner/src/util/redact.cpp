#include "util/redact.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "util/strings.h"

namespace mrun {

namespace {

constexpr std::string_view kMask = "****";

// Where the user information of a URL sits: `[begin, at)` is "user:password",
// relative to the URL's text; npos when it has none.
struct UserInfo {
  size_t begin = std::string_view::npos;
  size_t colon = std::string_view::npos;  ///< the ':' before the password, npos: no password
  size_t at = std::string_view::npos;
};

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// Where the URL starting at `url` ("scheme://...", up to white space or a
// quote) keeps its user information.
UserInfo user_info(std::string_view url, size_t scheme_end) {
  UserInfo info;
  size_t begin = scheme_end + 3;
  size_t end = url.find_first_of(" \t\r\n\"'<>", begin);
  if (end == std::string_view::npos) end = url.size();
  std::string_view scheme = url.substr(0, scheme_end);
  bool postgres = scheme == "postgres" || scheme == "postgresql";
  size_t authority_end = postgres ? end : std::min(end, url.find_first_of("/?#", begin));
  size_t at = url.rfind('@', authority_end == 0 ? 0 : authority_end - 1);
  if (at == std::string_view::npos || at < begin) return info;
  info.begin = begin;
  info.at = at;
  size_t colon = url.find(':', begin);
  if (colon < at) info.colon = colon;
  return info;
}

// The first URL in `text` at or after `from`: where its scheme starts
// (npos when there is none), where its "://" is, and its user information.
struct FoundUrl {
  size_t start = std::string_view::npos;
  size_t separator = std::string_view::npos;
  UserInfo info;
};

FoundUrl next_url(std::string_view text, size_t from) {
  for (size_t sep = text.find("://", from); sep != std::string_view::npos; sep = text.find("://", sep + 3)) {
    size_t start = sep;
    while (start > 0 && is_scheme_char(text[start - 1])) --start;
    if (start == sep) continue;
    return {start, sep, user_info(text.substr(start), sep - start)};
  }
  return {};
}

const std::regex& conninfo_password() {
  static const std::regex re(R"((^|[\s?&])password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&']*))");
  return re;
}

}  // namespace

std::string redact_passwords(std::string_view text) {
  std::string out;
  size_t copied = 0;
  for (FoundUrl url = next_url(text, 0); url.start != std::string_view::npos;
       url = next_url(text, url.separator + 3)) {
    if (url.info.colon == std::string_view::npos || url.start < copied) continue;
    out.append(text.substr(copied, url.start + url.info.colon + 1 - copied));
    out.append(kMask);
    copied = url.start + url.info.at;
  }
  out.append(text.substr(copied));
  return std::regex_replace(out, conninfo_password(), "$1password=****");
}

std::string url_password(std::string_view url) {
  FoundUrl found = next_url(url, 0);
  if (found.start != std::string_view::npos) {
    const UserInfo& info = found.info;
    if (info.colon == std::string_view::npos) return "";
    return std::string(url.substr(found.start + info.colon + 1, info.at - info.colon - 1));
  }
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(url.begin(), url.end(), m, conninfo_password())) return "";
  std::string written = m[2].str();
  if (written.size() < 2 || written.front() != '\'') return written;
  std::string value;  // a quoted value: a backslash escapes the next character
  for (size_t i = 1; i + 1 < written.size(); ++i) {
    if (written[i] == '\\' && i + 2 < written.size()) ++i;
    value += written[i];
  }
  return value;
}

std::string redact_message(std::string_view message, std::string_view url) {
  std::string out(message);
  std::string password = url_password(url);
  if (!password.empty()) {
    out = replace_all(out, password, kMask);
    std::string decoded = percent_decode(password);
    if (!decoded.empty() && decoded != password) out = replace_all(out, decoded, kMask);
  }
  return redact_passwords(out);
}

std::string ambiguous_credentials(std::string_view url) {
  FoundUrl found = next_url(url, 0);
  if (found.start != 0 || found.info.at == std::string_view::npos) return "";
  std::string_view credentials = url.substr(found.info.begin, found.info.at - found.info.begin);
  if (credentials.find('@') != std::string_view::npos) {
    return "the user or password holds an unencoded '@': write it as %40";
  }
  if (credentials.find('/') != std::string_view::npos) {
    return "the user or password holds an unencoded '/': write it as %2F";
  }
  return "";
}

std::string redact_webhook_url(std::string_view url) {
  size_t separator = url.find("://");
  if (separator == std::string_view::npos || separator == 0 ||
      !std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(separator), is_scheme_char)) {
    return "<webhook URL>";
  }
  size_t host = separator + 3;
  size_t authority_end = std::min(url.size(), url.find_first_of("/?#", host));
  size_t at = url.rfind('@', authority_end == host ? host : authority_end - 1);
  if (at != std::string_view::npos && at >= host) host = at + 1;
  std::string shown(url.substr(0, separator + 3));
  shown.append(url.substr(host, authority_end - host));
  if (authority_end < url.size()) shown += "/\u2026";
  return shown;
}

}  // namespace mrun
