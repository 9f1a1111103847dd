// `mrun docs generate` and `mrun docs serve` through the binary: what the
// artifacts and pages hold after a real build with a load that rejects
// records (runner/tests/projects/sources), a model the database cannot
// analyze (column lineage "unknown") with a Markdown description, and the server's refusal of a
// taken port. The site in a browser: docs_site_browser_test.mjs.
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("docs generate writes catalog.json from the database and pages with the loader's numbers") {
  ProjectFixture p("sources", "it_docs_generate");
  p.remove("models/.old/sources.yml");
  p.write("data/people.csv", "id,name\n1,Ann\n-2,Bob\nx,Cy\n4,Di\n");
  auto build = p.mrun({"build"});
  INFO(output_of(build));
  REQUIRE(build.exit_code == 0);
  // Written after the build: a model whose parent is not built, which the
  // database cannot analyze, and whose description is Markdown.
  p.write("models/later_parent.sql", "select 1 as a");
  p.write("models/later_child.sql", "select a from {{ ref('later_parent') }}");
  p.write("models/later.yml", "version: 2\nmodels:\n  - name: later_child\n"
                              "    description: \"**Not** built yet: `a` comes from <b>later_parent</b>\"\n"
                              "    columns:\n      - name: a\n");
  auto docs = p.mrun({"docs", "generate"});
  INFO(output_of(docs));
  REQUIRE(docs.exit_code == 0);

  auto catalog = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/catalog.json"));
  const auto& source = catalog["sources"]["source.sources.raw.people"];
  CHECK(source["metadata"]["schema"] == "raw");
  CHECK(source["metadata"]["name"] == "people_v2");
  CHECK(source["columns"]["id"]["type"] == "bigint");
  CHECK(source["stats"]["row_count"]["value"] == 2);
  const auto& model = catalog["nodes"]["model.sources.people_names"];
  CHECK(model["metadata"]["type"] == "VIEW");
  auto manifest = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/manifest.json"));
  CHECK(contains(manifest["nodes"]["model.sources.people_names"]["compiled_code"].get<std::string>(),
                 "\"raw\".\"people_v2\""));

  std::string page = mrun::read_file(p.dir() + "/target/docs/source.sources.raw.people.html");
  CHECK(contains(page, "people.csv"));
  CHECK(contains(page, "<td>4</td><td>2</td><td>2</td>"));  // read, loaded, rejected
  CHECK(contains(page, "column id: not an integer: &#39;x&#39;</td><td>1</td><td>4</td>"));  // reason, records, line
  CHECK(contains(mrun::read_file(p.dir() + "/target/docs/index.html"), "people_names"));

  std::string later = mrun::read_file(p.dir() + "/target/docs/model.sources.later_child.html");
  INFO(later);
  CHECK(contains(later, "<strong>Not</strong> built yet: <code>a</code> comes from"));  // Markdown
  CHECK(!contains(later, "<b>later_parent</b>"));                                      // raw HTML left out
  CHECK(contains(later, "<td class=\"column-name\">a</td>"));
  CHECK(contains(later, ">unknown</span>"));  // its column lineage cannot be known
  CHECK(contains(mrun::read_file(p.dir() + "/target/docs/lineage_data.js"), "\"model.sources.later_child\""));
}

TEST_CASE("docs serve refuses a taken port with a clear error, and a site not generated") {
  ProjectFixture p("sources", "it_docs_serve");
  auto missing = p.mrun({"docs", "serve", "--port", "0"});
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.output, "run `mrun docs generate` first"));

  p.write("target/docs/index.html", "<!DOCTYPE html><title>x</title>");
  int taken = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(taken, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(taken, 1) == 0);
  socklen_t length = sizeof address;
  ::getsockname(taken, reinterpret_cast<sockaddr*>(&address), &length);
  std::string port = std::to_string(ntohs(address.sin_port));
  auto refused = p.mrun({"docs", "serve", "--port", port});
  ::close(taken);
  INFO(output_of(refused));
  CHECK(refused.exit_code != 0);
  CHECK(contains(refused.output, "cannot listen on 127.0.0.1:" + port + ": the port is taken"));
}

TEST_CASE("docs generate remembers column lineage and analyzes again what changed: a model's SQL, its parent's columns") {
  ProjectFixture p("sources", "it_docs_lineage_cache");
  p.remove("models/.old/sources.yml");
  p.write("models/lin_parent.sql", "{{ config(materialized='view') }} select 1 as a, 2 as b");
  p.write("models/lin_star.sql", "{{ config(materialized='table') }} select * from {{ ref('lin_parent') }}");
  p.write("models/lin_pick.sql", "{{ config(materialized='table') }} select a as x from {{ ref('lin_parent') }}");
  p.write("models/lin_view.sql", "{{ config(materialized='view') }} select a as x from {{ ref('lin_parent') }}");
  auto build = p.mrun({"build"});
  INFO(output_of(build));
  REQUIRE(build.exit_code == 0);
  auto page = [&](const std::string& model) {
    return mrun::read_file(p.dir() + "/target/docs/model.sources." + model + ".html");
  };
  auto remembered = [&](const std::string& model) {
    auto cache = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/column_lineage_cache.json"));
    return cache["models"]["model.sources." + model]["columns"].dump();
  };
  auto generate = [&] {
    auto docs = p.mrun({"docs", "generate"});
    INFO(output_of(docs));
    REQUIRE(docs.exit_code == 0);
    return docs.output;
  };
  std::string first = generate();
  CHECK(contains(first, "(0 unchanged since the last generate"));
  CHECK(contains(page("lin_pick"), "lin_parent.a</div>"));
  // lin_parent, lin_view and people_names (on a raw table mrun loaded) are
  // views built from the SQL they compile to: their lineage is read from
  // them, the same as from a temporary view.
  CHECK(contains(first, "; 3 read from views built from their current SQL)"));
  CHECK(contains(page("lin_view"), "lin_parent.a</div>"));
  std::string again = generate();
  INFO(again);
  CHECK(contains(again, "unchanged since the last generate"));
  CHECK(!contains(again, "(0 unchanged"));
  CHECK(contains(page("lin_pick"), "lin_parent.a</div>"));

  // The SQL changed, not rebuilt: the lineage follows the new SQL, not the
  // built relation nor what was remembered.
  p.write("models/lin_pick.sql", "{{ config(materialized='table') }} select b as x from {{ ref('lin_parent') }}");
  generate();
  CHECK(contains(page("lin_pick"), "lin_parent.b</div>"));
  CHECK(!contains(page("lin_pick"), "lin_parent.a</div>"));
  // The same for a view: its built rule is not read once its SQL changed.
  p.write("models/lin_view.sql", "{{ config(materialized='view') }} select b as x from {{ ref('lin_parent') }}");
  mrun::write_file(p.dir() + "/target/column_lineage_cache.json", "{}");
  std::string view_changed = generate();
  CHECK(contains(view_changed, "; 2 read from views built from their current SQL)"));
  CHECK(contains(page("lin_view"), "lin_parent.b</div>"));
  CHECK(!contains(page("lin_view"), "lin_parent.a</div>"));
  // The parent rebuilt with one more column: the star of lin_star now takes
  // it, though lin_star's own SQL is the same.
  CHECK(!contains(remembered("lin_star"), "\"c\""));
  p.write("models/lin_parent.sql", "{{ config(materialized='view') }} select 1 as a, 2 as b, 3 as c");
  auto parent = p.mrun({"run", "-s", "lin_parent"});
  INFO(output_of(parent));
  REQUIRE(parent.exit_code == 0);
  generate();
  CHECK(contains(remembered("lin_star"), "lin_parent.c"));

  // A damaged cache is no cache.
  mrun::write_file(p.dir() + "/target/column_lineage_cache.json", "{not json");
  std::string damaged = generate();
  CHECK(contains(damaged, "(0 unchanged since the last generate"));
  CHECK(contains(remembered("lin_star"), "lin_parent.c"));
}

TEST_CASE("docs generate compiles templates that ask the database (as dbt_utils.star does) and follows their columns") {
  ProjectFixture p("sources", "it_docs_introspection");
  p.remove("models/.old/sources.yml");
  p.write("models/intro_parent.sql", "{{ config(materialized='table') }} select 1 as a, 2 as b");
  // The columns of the parent as the database has them, and a query's
  // result (guarded by `execute`, as in dbt: queries return none while parsing).
  p.write("models/intro_star.sql",
          "{{ config(materialized='view') }}\n"
          "{%- set cols = adapter.get_columns_in_relation(ref('intro_parent')) -%}\n"
          "{%- set n = run_query('select count(*) from ' ~ ref('intro_parent')).columns[0].values()[0] if execute else 0 -%}\n"
          "select {% for c in cols %}{{ c.name }} as star_{{ c.name }}, {% endfor %}{{ n }} as row_count\n"
          "from {{ ref('intro_parent') }}");
  auto build = p.mrun({"build"});
  INFO(output_of(build));
  REQUIRE(build.exit_code == 0);
  auto docs = p.mrun({"docs", "generate"});
  INFO(output_of(docs));
  REQUIRE(docs.exit_code == 0);
  CHECK(!contains(docs.output, "needs a database connection"));
  auto manifest = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/manifest.json"));
  std::string compiled = manifest["nodes"]["model.sources.intro_star"]["compiled_code"].get<std::string>();
  CHECK(contains(compiled, "a as star_a, b as star_b, 1 as row_count"));
  std::string page = mrun::read_file(p.dir() + "/target/docs/model.sources.intro_star.html");
  CHECK(contains(page, "intro_parent.b</div>"));
}
