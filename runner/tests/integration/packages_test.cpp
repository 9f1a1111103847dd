// Installed packages at parse and build time (project/installed_packages.h,
// parse/macro_namespaces.h): the `packages` project uses two packages laid
// out by hand in dbt_packages/ as `mrun deps` leaves them, `helpers` (macros,
// models, a seed, tests, a generic test) and `shims` (a dispatch override).
#include <catch2/catch.hpp>
#include <filesystem>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("a project builds with its installed packages: macros in namespaces, dispatch, package nodes") {
  ProjectFixture p("packages", "it_packages_build");
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);

  // macros by namespace, and unqualified names inside a package find its own macros first
  CHECK(p.query_value("select helpers_double from uses_macros") == "4");     // helpers.double
  CHECK(p.query_value("select root_double from uses_macros") == "6");        // the root's double
  CHECK(p.query_value("select helpers_quadruple from uses_macros") == "8");  // helpers' double, from another file
  CHECK(p.query_value("select dbt_alias from uses_macros") == "uses_macros");  // dbt.generate_alias_name

  // adapter.dispatch: dispatch: search order, the root's override, postgres__ first, one argument
  CHECK(p.query_value("select label from uses_macros") == "shims:x");  // search_order: [shims, helpers]
  CHECK(p.query_value("select wrap from uses_macros") == "<w>");       // [root, shims]: the root's default__wrap
  CHECK(p.query_value("select shout from uses_macros") == "HEY!");     // postgres__shout before default__shout
  CHECK(p.query_value("select tag from uses_macros") == "-tagged");    // one argument, from a package macro
  CHECK(p.query_value("select dollars::text from uses_macros") == "2.5000000000000000");  // one argument, root

  // _-prefixed macros are visible outside their file
  CHECK(p.query_value("select private_names from uses_macros") == "shop_-");

  // package models: the root's models: <package>: config wins, package and scoped vars, ref with package
  CHECK(p.query_value("select c.relkind from pg_class c join pg_namespace s on s.oid = c.relnamespace "
                      "where s.nspname = 'public_helpers' and c.relname = 'helper_numbers'") == "r");
  CHECK(p.query_value("select min(n) from public_helpers.helper_numbers") == "10");  // root's vars: {helpers: ...}
  CHECK(p.query_value("select min(label) from public_helpers.helper_numbers") == "from helpers");  // package var
  CHECK(p.query_value("select string_agg(doubled::text, ',' order by n) from from_package") == "20,22,24");
  CHECK(p.query_value("select count(*) from helper_codes") == "2");  // the package's seed

  // a package's on-run-start hooks run first, with its vars, then the root's
  CHECK(p.query_value("select string_agg(label, ',' order by n) from hook_log") == "from helpers,hello from shop");

  // package tests run, and a package's generic test is usable qualified and unqualified
  CHECK(contains(r.output, "PASS test not_null_helper_numbers_n"));
  CHECK(contains(r.output, "PASS test helpers_is_even_from_package_doubled"));
  CHECK(contains(r.output, "PASS test is_even_from_package_doubled"));
  auto ls = p.mrun({"ls"});
  CHECK(contains(ls.output, "helpers.helper_numbers\n"));
  CHECK(contains(ls.output, "shop.from_package\n"));
}

TEST_CASE("a package listed in packages.yml but not installed is an error that says to run mrun deps") {
  ProjectFixture p("packages", "it_packages_missing");
  std::filesystem::remove_all(p.dir() + "/dbt_packages/shims");
  auto r = p.mrun({"ls"});
  INFO(output_of(r));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "packages.yml: lists 2 package(s), but dbt_packages/ holds only 1 (helpers): run `mrun deps`"));
}

TEST_CASE("a dispatch that finds nothing names every macro it searched") {
  ProjectFixture p("packages", "it_packages_dispatch_error");
  p.write("models/dispatches_nothing.sql", "select {{ adapter.dispatch('missing', 'helpers')() }} as x\n");
  auto r = p.mrun({"build", "-s", "dispatches_nothing"});
  INFO(output_of(r));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "models/dispatches_nothing.sql:1:"));
  CHECK(contains(r.output, "no macro named 'missing' found within namespace 'helpers'; searched for: "
                           "shims.postgres__missing, shims.default__missing, helpers.postgres__missing, "
                           "helpers.default__missing"));
}

TEST_CASE("ref to a model a package does not have names the package") {
  ProjectFixture p("packages", "it_packages_bad_ref");
  p.write("models/bad_ref.sql", "select * from {{ ref('helpers', 'helper_nunbers') }}\n");
  auto r = p.mrun({"ls"});
  INFO(output_of(r));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "models/bad_ref.sql:1:"));
  CHECK(contains(r.output, "refers to 'helper_nunbers', which is not a model, seed or snapshot of package 'helpers'; "
                           "did you mean 'helper_numbers'?"));
}
