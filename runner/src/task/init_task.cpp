#include "task/init_task.h"

#include <filesystem>
#include <iostream>
#include <regex>

#include "util/error.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::task {

namespace {

std::string project_file(const std::string& name) {
  return "# The project's settings (dbt_project.yml, as dbt reads it; README.md of mrun\n"
         "# lists what mrun supports).\n"
         "name: " + name + "\n"
         "version: '1.0.0'\n"
         "profile: " + name + "\n"
         "\n"
         "model-paths: [\"models\"]\n"
         "analysis-paths: [\"analyses\"]\n"
         "test-paths: [\"tests\"]\n"
         "seed-paths: [\"seeds\"]\n"
         "macro-paths: [\"macros\"]\n"
         "\n"
         "clean-targets:\n"
         "  - \"target\"\n"
         "  - \"dbt_packages\"\n"
         "\n"
         "models:\n"
         "  " + name + ":\n"
         "    example:\n"
         "      +materialized: view\n";
}

const char* const kFirstModel =
    "-- A table built from literal rows. Materializations: view (the folder's\n"
    "-- default in dbt_project.yml), table, incremental, ephemeral.\n"
    "{{ config(materialized='table') }}\n"
    "\n"
    "with source_data as (\n"
    "    select 1 as id\n"
    "    union all\n"
    "    select 2 as id\n"
    ")\n"
    "\n"
    "select *\n"
    "from source_data\n";

const char* const kSecondModel =
    "-- A view over the first model: ref() orders the build.\n"
    "select *\n"
    "from {{ ref('my_first_dbt_model') }}\n"
    "where id = 1\n";

// The schema file: each example model with its key column's tests.
std::string schema_file() {
  std::string out = "version: 2\n\nmodels:\n";
  for (const char* model : {"my_first_dbt_model", "my_second_dbt_model"})
    out += std::string("  - name: ") + model + "\n" +
           "    description: \"A starter model\"\n"
           "    columns:\n"
           "      - name: id\n"
           "        description: \"The primary key for this table\"\n"
           "        data_tests:\n"
           "          - unique\n"
           "          - not_null\n";
  return out;
}

}  // namespace

int run_init_task(const std::string& name) {
  static const std::regex kName("^[A-Za-z_][A-Za-z0-9_]*$");
  if (!std::regex_match(name, kName))
    throw ConfigError("mrun init: '" + name + "' is not a project name: use letters, digits and underscores, "
                      "not starting with a digit");
  fs::path dir = fs::absolute(name);
  if (fs::exists(fs::symlink_status(dir)))
    throw ConfigError("mrun init: " + dir.string() + " already exists; choose another name or folder");
  fs::create_directories(dir / "models" / "example");
  for (const char* folder : {"macros", "seeds", "tests", "analyses"}) {
    fs::create_directories(dir / folder);
    write_file((dir / folder / ".gitkeep").string(), "");
  }
  write_file((dir / "dbt_project.yml").string(), project_file(name));
  write_file((dir / "models" / "example" / "my_first_dbt_model.sql").string(), kFirstModel);
  write_file((dir / "models" / "example" / "my_second_dbt_model.sql").string(), kSecondModel);
  write_file((dir / "models" / "example" / "schema.yml").string(), schema_file());
  write_file((dir / ".gitignore").string(), "target/\ndbt_packages/\nlogs/\n");
  std::cout << "Created the project " << name << " in " << dir.string() << "\n"
            << "\n"
            << "The database: mrun uses MRUN_DATABASE_URL when it is set (postgresql://user@host/db), else\n"
            << "the profile '" << name << "' of profiles.yml (in the project folder, --profiles-dir or ~/.mrun), e.g.\n"
            << "\n"
            << "  " << name << ":\n"
            << "    target: dev\n"
            << "    outputs:\n"
            << "      dev: {type: postgres, host: localhost, port: 5432, user: me, password: \"{{ env_var('PGPASSWORD') }}\",\n"
            << "            dbname: analytics, schema: public, threads: 4}\n"
            << "\n"
            << "else a PostgreSQL cluster of its own under the project (mrun pg start). Then:\n"
            << "  cd " << name << " && mrun build\n";
  return kExitOk;
}

}  // namespace mrun::task
