#include <catch2/catch.hpp>

#include "jinja/environment.h"
#include "jinja/line_map.h"

using namespace mrun::jinja;

namespace {

// The template line of each output line of `source` rendered.
std::vector<int> lines_of(const std::string& source) {
  Environment env;
  env.add_global("shout", Value::function("shout", [](CallArgs& a) { return Value(a.get(0, "s", Value("")).str() + "!\n!"); }));
  LineMap map;
  std::string out = env.render(*env.parse(source, "t.sql"), {}, &map);
  return map.source_lines(out);
}

}  // namespace

TEST_CASE("line map: text and expressions keep their template lines") {
  // line 1 renders to nothing but its newline; line 5 mixes an expression
  // and text; the last newline is dropped, as Jinja2 does.
  std::string source = "{{ '' }}\n-- a comment\nselect\n  id,\n  {{ 'nope' }}_col\nfrom t\n";
  CHECK(lines_of(source) == std::vector<int>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("line map: a loop's lines are its body's, a multi-line value counts as its line") {
  std::string source = "select\n{% for c in ['a', 'b'] %}\n  {{ c }},\n{% endfor %}\n  {{ shout('x') }}\nfrom t";
  // out: "select\n\n  a,\n\n  b,\n\n  x!\n!\nfrom t": each empty line is the
  // newline after a tag (the for's, twice, then the endfor's).
  CHECK(lines_of(source) == std::vector<int>{1, 2, 3, 2, 3, 4, 5, 5, 6});
}

TEST_CASE("line map: whitespace control does not shift lines") {
  std::string source = "select 1\n{%- if true %}\n, 2\n{%- endif %}\nfrom t";
  CHECK(lines_of(source) == std::vector<int>{1, 3, 5});
}
