// A database error in a model points at the template line it came from
// (exec/sql_error_location.h), with the compiled line and a caret: through
// loops, whitespace control and inlined ephemeral models, in both publish
// modes; selected nodes wait for their selected ancestors through the
// ephemeral model left out of the selection.
#include <catch2/catch.hpp>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("a database error in a model names the template line and shows the compiled line") {
  ProjectFixture p("jaffle", "it_error_location");
  p.write("models/eph_customers.sql", "{{ config(materialized='ephemeral') }}\nselect *\nfrom {{ ref('raw_customers') }}\n");
  p.write("models/located.sql",
          "{{ config(materialized='table') }}\n"
          "{%- set cols = ['id', 'first_name'] %}\n"
          "select\n"
          "{%- for c in cols %}\n"
          "  {{ c }},\n"
          "{%- endfor %}\n"
          "  {{ 'missing' }}_column as x\n"
          "from {{ ref('eph_customers') }}\n");
  for (const char* publish : {"atomic", "per_node"}) {
    auto r = p.mrun({"build", "-s", "raw_customers", "located", "--publish", publish});
    INFO(output_of(r));
    CHECK(r.exit_code == 1);
    // Compiled: the ephemeral model's CTE comes first, so the template's
    // line 7 is the SQL's line 9.
    // (The run's output indents the message by two spaces.)
    CHECK(contains(r.output, "  models/located.sql:7: ERROR:  column \"missing_column\" does not exist\n"
                             "  compiled line 9:   missing_column as x\n"
                             "                     ^\n"));
  }
}
