// `mrun show` through the binary (task/show_task.h): a built model's first
// rows, an ephemeral model's rows from its compiled SQL, an inline query
// with refs (ephemeral ones as CTEs, as `compile --inline` prints them), and
// an unknown name with a suggestion.
#include <algorithm>
#include <catch2/catch.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("show: a model, an ephemeral model, an inline query, and a mistyped name") {
  ProjectFixture p("jaffle", "it_show");
  auto built = p.mrun({"build"});
  INFO(output_of(built));
  REQUIRE(built.exit_code == 0);

  auto model = p.mrun({"show", "customers", "--limit", "3"});
  INFO(output_of(model));
  CHECK(model.exit_code == 0);
  CHECK(contains(model.output, "customer_id"));
  CHECK(std::count(model.output.begin(), model.output.end(), '\n') == 6);  // title, header, rule, 3 rows

  auto ephemeral = p.mrun({"show", "-s", "stg_payments", "--limit", "2"});
  INFO(output_of(ephemeral));
  CHECK(ephemeral.exit_code == 0);
  CHECK(contains(ephemeral.output, "stg_payments (ephemeral: its compiled SQL)"));
  CHECK(contains(ephemeral.output, "payment_id"));

  const std::string inline_sql = "select count(*) as payments from {{ ref('stg_payments') }}";
  auto query = p.mrun({"show", "--inline", inline_sql});
  INFO(output_of(query));
  CHECK(query.exit_code == 0);
  CHECK(contains(query.output, "payments"));
  std::string seed = mrun::read_file(p.dir() + "/seeds/raw_payments.csv");
  long rows = std::count(seed.begin(), seed.end(), '\n') - 1;  // the header
  CHECK(contains(query.output, "\n" + std::to_string(rows)));
  auto compiled = p.mrun({"compile", "--inline", inline_sql});
  INFO(output_of(compiled));
  CHECK(compiled.exit_code == 0);
  CHECK(contains(compiled.output, "with __dbt__cte__stg_payments as ("));

  auto typo = p.mrun({"show", "customer"});
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.output, "no model, seed or source table named 'customer' (did you mean 'customers'?)"));
  CHECK(p.mrun({"show", "customers", "-s", "orders"}).exit_code == 2);
}
