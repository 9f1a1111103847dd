// A generic test on a column that does not exist is an error at the test's
// entry in its schema file with the closest column (exec/test_columns.h):
// before anything runs when the columns can be known (exit 2, nothing
// built), else right after its model is built, instead of the test's query
// failing in PostgreSQL. Expressions, quoted names and columns that a
// parent adds in the same run are never flagged.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// jaffle's models/marts/schema.yml with a not_null test on orders.amout
// (a typo of amount): its entry `not_null` is line 28, column 17.
void add_typo_test(const ProjectFixture& p) {
  std::string schema = mrun::read_file(p.dir() + "/models/marts/schema.yml");
  const std::string anchor = "          - is_positive:\n              allow_zero: true\n";
  REQUIRE(contains(schema, anchor));
  schema.replace(schema.find(anchor), anchor.size(), anchor + "      - name: amout\n        tests: [not_null]\n");
  p.write("models/marts/schema.yml", schema);
}

const char* const kTypoError =
    "models/marts/schema.yml:28:17: test not_null_orders_amout: model 'orders' has no column 'amout'; did you mean "
    "'amount'?";

// Whether `output` shows the test's line with a caret under `not_null`
// (however far a run's report indents the message).
bool shows_caret(const std::string& output) {
  const std::string line = "        tests: [not_null]\n";
  size_t at = output.find(line);
  if (at == std::string::npos) return false;
  size_t indent = output.rfind('\n', at);
  indent = indent == std::string::npos ? at : at - indent - 1;
  return output.compare(at + line.size(), indent + 17, std::string(indent + 16, ' ') + "^") == 0;
}

size_t result_count(const ProjectFixture& p) {
  return nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"))["results"].size();
}

}  // namespace

TEST_CASE("a test on a missing column of a model whose parents exist stops the run before anything runs") {
  ProjectFixture p("jaffle", "it_test_columns_preflight");
  auto first = p.mrun({"build"});
  INFO(output_of(first));
  REQUIRE(first.exit_code == 0);
  std::string orders_oid = p.query_value("select 'public.orders'::regclass::oid");
  add_typo_test(p);

  for (const char* command : {"build", "test"}) {
    auto r = p.mrun({command});
    INFO(output_of(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.output, kTypoError));
    CHECK(shows_caret(r.output));
    CHECK_FALSE(contains(r.output, " OK "));
    CHECK(result_count(p) == 0);
  }
  CHECK(p.query_value("select 'public.orders'::regclass::oid") == orders_oid);  // not rebuilt
  CHECK(p.query_value("select count(*) from public_audit.run_log where event = 'end'") == "1");
}

TEST_CASE("a test on a missing column of a model built in the same run fails before its query runs") {
  ProjectFixture p("jaffle", "it_test_columns_first_build");
  add_typo_test(p);
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, kTypoError));
  CHECK(shows_caret(r.output));
  CHECK_FALSE(contains(r.output, "ERROR:  column"));  // not PostgreSQL's error
  CHECK(contains(r.output, "OK table model public.orders"));
  // Atomic publish: the run failed, so nothing was published.
  CHECK(p.query_value("select to_regclass('public.orders') is null") == "t");
}

TEST_CASE("expressions, quoted names and a column a parent adds in the same run are not flagged") {
  ProjectFixture p("jaffle", "it_test_columns_no_false_positive");
  p.write("models/marts/wide_base.sql", "{{ config(materialized='table') }}\nselect 1 as a\n");
  p.write("models/marts/wide.sql", "{{ log('rendering wide', info=True) }}select * from {{ ref('wide_base') }}\n");
  p.write("models/marts/quoted.sql", "select 1 as \"MixedCase\", 'x' as status\n");
  const std::string quoted_yml =
      "version: 2\n"
      "models:\n"
      "  - name: quoted\n"
      "    columns:\n"
      "      - name: MixedCase\n"
      "        quote: true\n"
      "        tests: [not_null]\n"
      "      - name: lower(status)\n"
      "        tests: [not_null]\n"
      "      - name: current_date\n"
      "        tests: [not_null]\n"
      "      - name: STATUS\n"
      "        tests: [not_null]\n";
  p.write("models/marts/quoted.yml", quoted_yml);
  const std::string wide_yml = "version: 2\nmodels:\n  - name: wide\n    columns:\n      - name: a\n        tests: [not_null]\n";
  p.write("models/marts/wide.yml", wide_yml);
  auto first = p.mrun({"build"});
  INFO(output_of(first));
  CHECK(first.exit_code == 0);

  // wide_base gains b in this run: wide's test on b is checked once wide is built, and passes.
  p.write("models/marts/wide_base.sql", "{{ config(materialized='table') }}\nselect 1 as a, 2 as b\n");
  p.write("models/marts/wide.yml", wide_yml + "      - name: b\n        tests: [not_null]\n");
  auto second = p.mrun({"build"});
  INFO(output_of(second));
  CHECK(second.exit_code == 0);
  CHECK(contains(second.output, "not_null_wide_b"));

  // A quoted name is compared as written.
  p.write("models/marts/quoted.yml", mrun::replace_all(quoted_yml, "name: MixedCase", "name: Mixedcase"));
  auto quoted = p.mrun({"build"});
  INFO(output_of(quoted));
  CHECK(quoted.exit_code == 2);
  CHECK(contains(quoted.output, "models/marts/quoted.yml:7:17: test not_null_quoted_Mixedcase: model 'quoted' has no "
                                "column 'Mixedcase'; did you mean 'MixedCase'?"));
  // The preflight described wide (its parent is as it was) without its log() printing.
  CHECK_FALSE(contains(quoted.output, "rendering wide"));
}

TEST_CASE("a test on an expression that names a missing column points at the test in its schema file") {
  ProjectFixture p("jaffle", "it_test_missing_column");
  std::string schema = mrun::read_file(p.dir() + "/models/marts/schema.yml");
  const std::string anchor = "      - name: customer_id\n        tests: [unique, not_null]\n";
  REQUIRE(contains(schema, anchor));
  schema.replace(schema.find(anchor), anchor.size(),
                 anchor + "      - name: upper(no_such_column)\n        tests: [not_null]\n");
  p.write("models/marts/schema.yml", schema);
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "models/marts/schema.yml:9:17: test not_null names column 'upper(no_such_column)', which "
                           "the model it tests does not have"));
}
