// Passwords out of everything mrun prints: connection strings (libpq URIs
// and key=value conninfo), HTTP and S3 URLs, webhook URLs (whose secret is
// their path), and the messages libraries (libpq, libpqxx, libcurl) write
// about them. The one place that knows where a password sits in such a text.
#pragma once

#include <string>
#include <string_view>

namespace mrun {

/// `text` with every password replaced by "****", wherever `text` holds a URL
/// or conninfo (a whole URL, or a message that quotes one):
/// - `scheme://user:password@host...`: the password runs to the last '@' of
///   the URL's authority; in postgres:// and postgresql:// URIs to the last
///   '@' of the URL (a password may hold '/', '?', '#' and '@'). The user stays.
/// - `password=value` (a conninfo key, spaces around '=' allowed, the value
///   quoted or not, or a URI query parameter).
std::string redact_passwords(std::string_view text);

/// The password written in URL or conninfo `url` (as written: percent-encoded
/// in a URI, unquoted in a conninfo), or "" when it has none.
std::string url_password(std::string_view url);

/// `message` about `url` (e.g. libpq's error text for it) with `url`'s
/// password removed wherever it appears, as written and percent-decoded,
/// then redact_passwords.
std::string redact_message(std::string_view message, std::string_view url);

/// Why the user and password of URI `url` cannot be read one way only (an
/// unencoded '@' or '/' in them: libpq would split the URL elsewhere and
/// quote pieces of the password in its errors), or "" when they can (or
/// `url` is not a URI).
std::string ambiguous_credentials(std::string_view url);

/// A webhook URL as logs may show it: "scheme://host[:port]/…", without the
/// user information, path, query and fragment (chat webhooks carry their
/// secret in the path, https://hooks.slack.com/services/T000/B000/XXXX, or
/// in the query). "scheme://host" when nothing follows the host; "<webhook
/// URL>" when `url` is not scheme://... at all.
std::string redact_webhook_url(std::string_view url);

}  // namespace mrun
