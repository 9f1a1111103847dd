// The Python helpers of the dbt context (parse/python_helpers.h,
// parse/python_re.h) as templates use them, through the binary:
// modules.re with Python's syntax, modules.itertools, modules.datetime,
// zip, set, tojson/fromjson, toyaml/fromyaml, exceptions.
#include <catch2/catch.hpp>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// What `mrun compile --inline TEMPLATE` prints, its last line.
std::string rendered(const ProjectFixture& p, const std::string& tmpl) {
  auto r = p.mrun({"compile", "--inline", tmpl});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  std::string out = r.output;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') + 1);
}

}  // namespace

TEST_CASE("modules.re follows Python's re for the patterns packages use") {
  ProjectFixture p("jaffle", "it_python_re");
  CHECK(rendered(p, "{{ modules.re.sub('[ -]+', '_', 'a b-c') }}") == "a_b_c");
  CHECK(rendered(p, "{{ modules.re.sub('^[0-9]', '_9', '9lives') }}") == "_9lives");
  CHECK(rendered(p, "{{ modules.re.match('(?P<y>\\d{4})-(\\d+)', '2024-05').group('y') }}") == "2024");
  CHECK(rendered(p, "{{ modules.re.match('x', 'ax') is none }}/{{ modules.re.search('x', 'ax').start() }}") == "True/1");
  CHECK(rendered(p, "{{ modules.re.findall('(\\w)(\\d)', 'a1 b2') }}") == "[('a', '1'), ('b', '2')]");
  CHECK(rendered(p, "{{ modules.re.findall('\\d+', 'a12b3') }}") == "['12', '3']");
  CHECK(rendered(p, "{{ modules.re.search('B', 'abc', modules.re.IGNORECASE) is not none }}") == "True");
  CHECK(rendered(p, "{{ modules.re.search('(?i)B', 'abc').group(0) }}") == "b");
  CHECK(rendered(p, "{{ modules.re.split(',\\s*', 'a, b,c') }}") == "['a', 'b', 'c']");
  CHECK(rendered(p, "{{ modules.re.compile('[aeiou]').sub('*', 'banana', 2) }}") == "b*n*na");
  CHECK(rendered(p, "{{ modules.re.sub('(\\w+)@(\\w+)', '\\\\2 at \\\\g<1>', 'me@host') }}") == "host at me");
  CHECK(rendered(p, "{{ modules.re.fullmatch('[a-z]+', 'abc') is not none }}") == "True");
  CHECK(rendered(p, "{{ modules.re.escape('a.b*c') }}") == "a\\.b\\*c");
  auto r = p.mrun({"compile", "--inline", "{{ modules.re.search('(?<=a)b', 'ab') }}"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "lookbehind is not supported"));
}

TEST_CASE("itertools, zip, set, json, yaml and datetime helpers give Python's values") {
  ProjectFixture p("jaffle", "it_python_helpers");
  CHECK(rendered(p, "{{ modules.itertools.product([1, 2], 'ab') }}") == "[(1, 'a'), (1, 'b'), (2, 'a'), (2, 'b')]");
  CHECK(rendered(p, "{{ modules.itertools.combinations([1, 2, 3], 2) }}") == "[(1, 2), (1, 3), (2, 3)]");
  CHECK(rendered(p, "{{ modules.itertools.permutations([1, 2]) }}") == "[(1, 2), (2, 1)]");
  CHECK(rendered(p, "{{ modules.itertools.chain([1], [2, 3]) }}") == "[1, 2, 3]");
  CHECK(rendered(p, "{{ zip([1, 2], ['a', 'b', 'c']) }}") == "[(1, 'a'), (2, 'b')]");
  CHECK(rendered(p, "{{ set([1, 2, 1, 3]) | length }}/{{ 2 in set([1, 2]) }}") == "3/True");
  CHECK(rendered(p, "{{ tojson({'a': [1, true, none], 'b': 'x'}) }}") == "{\"a\": [1, true, null], \"b\": \"x\"}");
  CHECK(rendered(p, "{{ fromjson('{\"z\": 1, \"a\": [2.5]}') }}") == "{'z': 1, 'a': [2.5]}");
  CHECK(rendered(p, "{{ fromyaml('a: 1\\nb: [x, yes]') }}") == "{'a': 1, 'b': ['x', True]}");
  CHECK(rendered(p, "{{ toyaml({'a': 1, 'b': ['x', '12']}) | replace('\\n', '|') }}") == "a: 1|b:|- x|- '12'|");
  CHECK(rendered(p, "{{ modules.datetime.date(2024, 2, 29) }}") == "2024-02-29");
  CHECK(rendered(p, "{{ modules.datetime.datetime(2024, 1, 2, 3, 4, 5).strftime('%Y%m%d %H%M%S') }}") ==
        "20240102 030405");
  auto r = p.mrun({"compile", "--inline", "{{ exceptions.raise_not_implemented('no snapshots here') }}"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "not implemented: no snapshots here"));
}
