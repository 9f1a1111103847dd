// What a project asks for and mrun does not implement is named in a
// warning with its file, never ignored silently.
#include <catch2/catch.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("keys, configs and constraints mrun does not implement are warned with their file") {
  ProjectFixture p("jaffle", "it_unsupported_warnings");
  std::string project = mrun::read_file(p.dir() + "/dbt_project.yml");
  p.write("dbt_project.yml", project + "quoting:\n  identifier: true\n");
  p.write("models/extras.sql", "{{ config(grants={'select': ['reporting']}) }} select 1 as id\n");
  p.write("models/extras.yml",
          "version: 2\nmodels:\n  - name: extras\n    latest_version: 2\n    config:\n      on_schema_change: fail\n"
          "      contract: {enforced: true}\n    columns:\n"
          "      - name: id\n        data_type: integer\n        constraints: [{type: not_null}]\n        policy: x\n"
          "exposures:\n  - name: dashboard\n    type: dashboard\n    owner: {email: a@b.c}\n"
          "metrics: []\nsemantic_models: []\nsaved_queries: []\n");
  auto r = p.mrun({"ls"});
  INFO(output_of(r));
  CHECK(r.exit_code == 0);
  for (const char* warning : {
           "dbt_project.yml:33:1: 'quoting' is not implemented by mrun (ignored)",
           "models/extras.yml:4:5: extras: 'latest_version' is not implemented by mrun (ignored)",
           "models/extras.yml:12:9: column id: 'policy' is an unknown key (ignored)",
           "models/extras.yml:13:1: 'exposures:' is not implemented by mrun (ignored)",
           "models/extras.yml:17:1: 'metrics:' is not implemented by mrun (ignored)",
           "models/extras.yml:18:1: 'semantic_models:' is not implemented by mrun (ignored)",
           "models/extras.yml:19:1: 'saved_queries:' is not implemented by mrun (ignored)",
           "models/extras.yml:6:25: config 'on_schema_change' is not implemented by mrun",
           "models/extras.sql: config 'grants' is not implemented by mrun (grant privileges in a post-hook)",
           "models/extras.sql:1:1: extras is a view: the constraints of its contract (not_null on id) are not applied",
       }) {
    CHECK(contains(r.output, warning));
  }
}
