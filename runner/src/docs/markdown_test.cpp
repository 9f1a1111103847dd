#include "docs/markdown.h"

#include <catch2/catch.hpp>

using namespace mrun::docs;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kDescription =
    "# Revenue by genre\n"
    "\n"
    "One row per **genre** and *year*; `total_revenue` sums [fct_movie](model.movies.fct_movie.html).\n"
    "\n"
    "- counts movies\n"
    "- sums revenue\n"
    "\n"
    "| column | meaning |\n"
    "|--------|---------|\n"
    "| year   | release year |\n";

}  // namespace

TEST_CASE("a Markdown description becomes headings, emphasis, code, lists, links and tables") {
  std::string html = markdown_html(kDescription);
  CHECK(has(html, "<h1>Revenue by genre</h1>"));
  CHECK(has(html, "<strong>genre</strong>"));
  CHECK(has(html, "<em>year</em>"));
  CHECK(has(html, "<code>total_revenue</code>"));
  CHECK(has(html, "<a href=\"model.movies.fct_movie.html\">fct_movie</a>"));
  CHECK(has(html, "<li>counts movies</li>"));
  CHECK(has(html, "<table>"));
  CHECK(has(html, "<td>release year</td>"));
}

TEST_CASE("Markdown is rendered safely: raw HTML and script links are left out, text is escaped") {
  std::string html = markdown_html("a <script>alert(1)</script> b\n\n<div onclick=\"x()\">raw</div>\n\n"
                                   "[click](javascript:alert(1)) and 1 < 2 & 3");
  CHECK(!has(html, "<script"));
  CHECK(!has(html, "<div onclick"));
  CHECK(!has(html, "javascript:"));
  CHECK(has(html, "1 &lt; 2 &amp; 3"));
  CHECK(markdown_html("").empty());
}

TEST_CASE("the text of a Markdown description has its words without the markup") {
  std::string text = markdown_text(kDescription);
  CHECK(text.rfind("Revenue by genre\n", 0) == 0);
  CHECK(has(text, "One row per genre and year; total_revenue sums fct_movie."));
  CHECK(has(text, "counts movies\nsums revenue"));
  CHECK(has(text, "year release year"));
  CHECK(!has(text, "**"));
  CHECK(!has(text, "|"));
  CHECK(!has(text, "#"));
  CHECK(markdown_text("plain words,\nwrapped") == "plain words, wrapped");
}
