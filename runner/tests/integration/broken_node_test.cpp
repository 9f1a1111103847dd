// A model whose template does not parse or render breaks only itself
// (parse/project_parser.cpp, render_queued): ls, seed and builds of other
// nodes work with a warning, and a build that selects it reports it as an
// error (exit 2) and skips what depends on it.
#include <catch2/catch.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("a broken template breaks its own node only") {
  ProjectFixture p("jaffle", "it_broken_node");
  p.write("models/marts/broken_render.sql", "select {{ no_such_macro() }} as x\n");
  p.write("models/marts/broken_syntax.sql", "select {% if %} 1\n");
  p.write("models/marts/after_broken.sql", "select * from {{ ref('broken_render') }}\n");

  auto ls = p.mrun({"ls"});
  INFO(output_of(ls));
  CHECK(ls.exit_code == 0);
  CHECK(contains(ls.output, "models/marts/broken_render.sql:1:24: 'no_such_macro' is undefined"));
  CHECK(contains(ls.output, "models/marts/broken_syntax.sql:1:"));
  CHECK(contains(ls.output, "broken_render is kept: building it fails with this error"));
  CHECK(contains(ls.output, "jaffle_shop.marts.customers"));

  auto seed = p.mrun({"seed"});
  INFO(output_of(seed));
  CHECK(seed.exit_code == 0);
  auto other = p.mrun({"build", "-s", "+customers"});
  INFO(output_of(other));
  CHECK(other.exit_code == 0);

  auto all = p.mrun({"build"});
  INFO(output_of(all));
  CHECK(all.exit_code == 2);
  CHECK(contains(all.output, "error model.jaffle_shop.broken_render (models/marts/broken_render.sql)"));
  CHECK(contains(all.output, "error model.jaffle_shop.broken_syntax (models/marts/broken_syntax.sql)"));
  CHECK(contains(all.output, "skipped model.jaffle_shop.after_broken"));
  CHECK(contains(all.output, "SKIP unchanged table model public.customers"));  // built by the build before
}
