// The exit codes a scheduler acts on (README.md, "Exit codes"), through the
// binary: 2 for every compile error, naming file:line:column (fix the
// project, do not retry); 3 for a database that cannot be reached or goes
// away (retry). 0 and 1 are covered by the tests of each command.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "cli_runner.h"
#include "test_database.h"

using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("exit codes: every compile error exits 2 and names file:line:column") {
  ProjectFixture p("jaffle", "it_exit_compile_errors");
  struct Mistake {
    const char* what;
    const char* sql;
    const char* says;
  };
  const Mistake mistakes[] = {
      {"a Jinja syntax error", "select {{ 1 + }}\n", "models/broken.sql:1:"},
      {"an undefined macro", "select 1 as x,\n  {{ no_such_macro() }} as y\n", "models/broken.sql:2:"},
      {"an undefined var", "select '{{ var(\"no_such_var\") }}' as x\n", "no_such_var"},
  };
  for (const Mistake& m : mistakes) {
    INFO(m.what);
    p.write("models/broken.sql", m.sql);
    for (const char* command : {"compile", "run", "build"}) {
      INFO(command);
      auto r = p.mrun({command, "-s", "broken"});
      INFO(output_of(r));
      CHECK(r.exit_code == 2);
      CHECK(r.output.find(m.says) != std::string::npos);
      CHECK(r.output.find("models/broken.sql:") != std::string::npos);
    }
  }
}

TEST_CASE("exit codes: a database nothing listens on exits 3") {
  ProjectFixture p("jaffle", "it_exit_unreachable");
  setenv("MRUN_DATABASE_URL", "postgresql://mrun@127.0.0.1:1/nowhere", 1);
  for (const char* command : {"run", "build", "debug"}) {
    INFO(command);
    auto r = mrun::run_process({mrun::test::mrun_binary(), command, "--project-dir", p.dir()});
    INFO(output_of(r));
    CHECK(r.exit_code == 3);
    CHECK(r.output.find("cannot connect to postgresql://mrun@127.0.0.1:1/nowhere") != std::string::npos);
  }
  unsetenv("MRUN_DATABASE_URL");
}

TEST_CASE("exit codes: a connection lost during the run exits 3, a failed model with it 1") {
  ProjectFixture p("jaffle", "it_exit_connection_lost");
  p.write("models/a_dies.sql", "{{ config(materialized='table') }} select pg_terminate_backend(pg_backend_pid()) as x\n");
  p.write("models/b_fails.sql", "{{ config(materialized='table') }} select no_such_column\n");
  auto lost = p.mrun({"run", "-s", "a_dies"});
  INFO(output_of(lost));
  CHECK(lost.exit_code == 3);
  CHECK(lost.output.find("the database server went away (connection lost)") != std::string::npos);
  // A retry would not fix the failed model: the run needs a person.
  auto both = p.mrun({"run", "-s", "a_dies b_fails", "--threads", "1"});
  INFO(output_of(both));
  CHECK(both.exit_code == 1);
}
