#include "jinja/urlize.h"

#include <catch2/catch.hpp>

#include "jinja/environment.h"

using namespace mrun::jinja;

TEST_CASE("urlize links URLs, www. and bare domains", "[jinja][urlize]") {
  UrlizeOptions options;
  options.rel = "noopener";
  CHECK(urlize("see http://example.com/a?b=1&amp;c=2, now", options) ==
        "see <a href=\"http://example.com/a?b=1&amp;c=2\" rel=\"noopener\">http://example.com/a?b=1&amp;c=2</a>, now");
  CHECK(urlize("(www.example.org)", options) ==
        "(<a href=\"https://www.example.org\" rel=\"noopener\">www.example.org</a>)");
  CHECK(urlize("example.net.", options) == "<a href=\"https://example.net\" rel=\"noopener\">example.net</a>.");
  CHECK(urlize("http://[::1]:8080/x", options) ==
        "<a href=\"http://[::1]:8080/x\" rel=\"noopener\">http://[::1]:8080/x</a>");
  CHECK(urlize("http://10.0.0.1:80", options) == "<a href=\"http://10.0.0.1:80\" rel=\"noopener\">http://10.0.0.1:80</a>");
  // Not URLs: an unknown bare top-level domain, a port of six digits, a dotted quad without a scheme.
  CHECK(urlize("example.com.au http://bad:123456 1.2.3.4", options) == "example.com.au http://bad:123456 1.2.3.4");
}

TEST_CASE("urlize keeps the closing brackets a URL opens", "[jinja][urlize]") {
  UrlizeOptions options;
  CHECK(urlize("(http://x.org/a_(b))", options) == "(<a href=\"http://x.org/a_(b)\">http://x.org/a_(b)</a>)");
  CHECK(urlize("&lt;http://a.com&gt;", options) == "&lt;<a href=\"http://a.com\">http://a.com</a>&gt;");
}

TEST_CASE("urlize links e-mail addresses without rel nor target", "[jinja][urlize]") {
  UrlizeOptions options;
  options.rel = "noopener";
  options.target = "_blank";
  CHECK(urlize("ops@example.com", options) == "<a href=\"mailto:ops@example.com\">ops@example.com</a>");
  CHECK(urlize("mailto:a@b.co", options) == "<a href=\"mailto:a@b.co\">a@b.co</a>");
  CHECK(urlize("a@b x@y.", options) == "a@b x@y.");
}

TEST_CASE("urlize trims link texts and links extra schemes", "[jinja][urlize]") {
  UrlizeOptions options;
  options.trim_url_limit = 10;
  CHECK(urlize("http://example.com/long", options) == "<a href=\"http://example.com/long\">http://exa...</a>");
  options.trim_url_limit = -4;
  CHECK(urlize("http://example.com", options) == "<a href=\"http://example.com\">http://example...</a>");
  options.trim_url_limit.reset();
  options.extra_schemes = {"tel:"};
  CHECK(urlize("tel:+123 tel:", options) == "<a href=\"tel:+123\">tel:+123</a> tel:");
  CHECK(is_uri_scheme_prefix("ftp://"));
  CHECK(is_uri_scheme_prefix("x.y+z-1:"));
  CHECK_FALSE(is_uri_scheme_prefix("x:"));
  CHECK_FALSE(is_uri_scheme_prefix("tel"));
  CHECK_FALSE(is_uri_scheme_prefix("t:///"));
}

TEST_CASE("urlize follows the environment's urlize policies", "[jinja][urlize]") {
  EnvironmentOptions env_options;
  env_options.urlize.rel = "external";
  env_options.urlize.target = "_blank";
  env_options.urlize.extra_schemes = {"tel:"};
  Environment env(env_options);
  auto render = [&](const std::string& src) { return env.render(*env.parse(src, "t.html")); };
  CHECK(render("{{ 'www.a.com tel:1'|urlize }}") ==
        "<a href=\"https://www.a.com\" rel=\"external\" target=\"_blank\">www.a.com</a> "
        "<a href=\"tel:1\" rel=\"external\" target=\"_blank\">tel:1</a>");
  CHECK(render("{{ 'www.a.com'|urlize(nofollow=true, target='_self', rel='me') }}") ==
        "<a href=\"https://www.a.com\" rel=\"external me nofollow\" target=\"_self\">www.a.com</a>");
  CHECK(Environment().render(*Environment().parse("{{ '<x> www.a.com'|urlize }}", "t")) ==
        "&lt;x&gt; <a href=\"https://www.a.com\" rel=\"noopener\">www.a.com</a>");
  env_options.urlize.extra_schemes = {"bad"};
  Environment bad(env_options);
  CHECK_THROWS_WITH(bad.render(*bad.parse("{{ 'x'|urlize }}", "t")), Catch::Contains("'bad' is not a valid URI scheme prefix."));
}
