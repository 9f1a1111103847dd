// Sources as the parsed project declares them, end to end through the
// binary: `mrun load` fills the table that source() reads, and only the
// schema files the project parser reads declare sources
// (runner/tests/projects/sources).
#include <catch2/catch.hpp>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("a source table with an identifier is loaded into that table, which source() reads") {
  ProjectFixture p("sources", "it_sources_identifier");
  p.remove("models/.old/sources.yml");  // the identifier alone here (the next test reads the hidden folder)
  auto build = p.mrun({"build"});
  INFO(output_of(build));
  REQUIRE(build.exit_code == 0);
  CHECK(contains(build.output, "load people.csv: read 3 loaded 3 rejected 0"));
  CHECK(p.query_value("select count(*) from raw.people_v2") == "3");
  CHECK(p.query_value("select to_regclass('raw.people') is null") == "t");
  CHECK(p.query_value("select people || ' ' || names from public.people_names") == "3 Ann,Bob,Cy");

  // A reload alone: the model (a view over source('raw', 'people')) reads the new rows.
  p.write("data/people.csv", "id,name\n4,Di\n");
  auto reload = p.mrun({"load"});
  INFO(output_of(reload));
  REQUIRE(reload.exit_code == 0);
  CHECK(p.query_value("select people || ' ' || names from public.people_names") == "1 Di");
}

TEST_CASE("sources in hidden folders and under seed-paths are not read, by mrun load nor as nodes") {
  ProjectFixture p("sources", "it_sources_not_read");
  // Their files (ghosts.csv, phantoms.csv) are not in the dataset: loading them would fail.
  auto load = p.mrun({"load"});
  INFO(output_of(load));
  CHECK(load.exit_code == 0);
  CHECK(contains(load.output, "load done: 1 files, read 3 loaded 3 rejected 0"));
  CHECK(contains(load.output, "warning: seeds/schema.yml:6:5: sources: in a file under seed-paths are not read "
                              "(declare them under model-paths)"));
  auto ls = p.mrun({"ls", "--resource-type", "source"});
  INFO(output_of(ls));
  CHECK(ls.exit_code == 0);
  CHECK(contains(ls.output, "people"));
  CHECK_FALSE(contains(ls.output, "ghosts"));
  CHECK_FALSE(contains(ls.output, "phantoms"));
}
