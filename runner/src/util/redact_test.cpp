#include "util/redact.h"

#include <catch2/catch.hpp>

using namespace mrun;

TEST_CASE("redact_passwords hides the password of every URL and conninfo in a text") {
  CHECK(redact_passwords("postgresql://me:s3cret@host:5432/db") == "postgresql://me:****@host:5432/db");
  CHECK(redact_passwords("postgres://me@host/db") == "postgres://me@host/db");
  CHECK(redact_passwords("host=h password=s3cret dbname=x") == "host=h password=**** dbname=x");
  CHECK(redact_passwords("host=h password = 'it\\'s s3cret' dbname=x") == "host=h password=**** dbname=x");
  CHECK(redact_passwords("postgresql:///db?host=/tmp&password=s3cret") == "postgresql:///db?host=/tmp&password=****");
  // An unencoded '@', '/' or '?' in a libpq password: up to the URL's last '@'.
  CHECK(redact_passwords("postgresql://postgres:pa@ss:S3cretPW@127.0.0.1:1/mrun") ==
        "postgresql://postgres:****@127.0.0.1:1/mrun");
  CHECK(redact_passwords("postgresql://u:pa/ss?x@h/db") == "postgresql://u:****@h/db");
  // HTTP: the authority ends at the first '/', an '@' in the path is not a password's.
  CHECK(redact_passwords("https://user:secret@example.com/a@b.zip") == "https://user:****@example.com/a@b.zip");
  CHECK(redact_passwords("http://127.0.0.1:80/x@y.zip") == "http://127.0.0.1:80/x@y.zip");
  // URLs quoted inside a message, twice.
  CHECK(redact_passwords("bad URI: \"postgresql://a:one@h\" and \"s3://k:two@b/o\"") ==
        "bad URI: \"postgresql://a:****@h\" and \"s3://k:****@b/o\"");
}

TEST_CASE("url_password reads the password as written") {
  CHECK(url_password("postgresql://me:s%40cret@h/db") == "s%40cret");
  CHECK(url_password("postgresql://me@h/db") == "");
  CHECK(url_password("host=h password='a b\\'c' port=1") == "a b'c");
  CHECK(url_password("dbname=x") == "");
}

TEST_CASE("redact_message removes a URL's password from a library's message about it") {
  // libpq quotes the whole URI when it cannot parse it.
  std::string url = "postgresql://postgres:S3cretPW@[::1:1/mrun";
  std::string libpq = "end of string reached when looking for matching \"]\" in IPv6 host address in URI: \"" + url +
                      "\"";
  std::string shown = redact_message(libpq, url);
  CHECK(shown.find("S3cretPW") == std::string::npos);
  CHECK(shown.find("postgres:****@[::1:1/mrun") != std::string::npos);
  // Decoded by the library, or as a bare word.
  CHECK(redact_message("password \"p@ss\" rejected", "postgresql://u:p%40ss@h/db") == "password \"****\" rejected");
  CHECK(redact_message("missing \"=\" after \"topsecret\"", "host=h password=topsecret x") ==
        "missing \"=\" after \"****\"");
}

TEST_CASE("ambiguous_credentials refuses an unencoded '@' or '/' in user or password") {
  CHECK(ambiguous_credentials("postgresql://postgres:pa@ss:S3cretPW@127.0.0.1:1/mrun").find("'@'") !=
        std::string::npos);
  CHECK(ambiguous_credentials("postgresql://u:pa/ss@h/db").find("'/'") != std::string::npos);
  CHECK(ambiguous_credentials("postgresql://u:p%40ss@h/db") == "");
  CHECK(ambiguous_credentials("postgresql:///db?host=/tmp") == "");
  CHECK(ambiguous_credentials("host=h password=a@b") == "");
}

TEST_CASE("redact_webhook_url keeps only the scheme and the host of a webhook URL") {
  CHECK(redact_webhook_url("https://hooks.slack.com/services/T000/B000/XXXX") == "https://hooks.slack.com/\u2026");
  CHECK(redact_webhook_url("http://127.0.0.1:8080/hook?token=s3cret") == "http://127.0.0.1:8080/\u2026");
  CHECK(redact_webhook_url("https://example.com?key=s3cret") == "https://example.com/\u2026");
  CHECK(redact_webhook_url("https://user:s3cret@example.com/x") == "https://example.com/\u2026");
  CHECK(redact_webhook_url("https://example.com") == "https://example.com");
  CHECK(redact_webhook_url("s3cret-without-scheme") == "<webhook URL>");
  CHECK(redact_webhook_url("") == "<webhook URL>");
}
