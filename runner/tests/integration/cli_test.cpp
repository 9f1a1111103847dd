// The binary as a user meets it: exit codes, config errors with positions,
// the embedded PostgreSQL under concurrent starts, no leaked passwords.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include "cli_runner.h"
#include "test_database.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using mrun::run_process;
using mrun::test::mrun_binary;

namespace {
fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(mrun::test::build_dir()) / "test-projects" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A scratch project `name` whose source table raw.people (file people.csv,
// `columns` as YAML list items) loads from `dataset_uri`; `project_extra`
// lines go into project.yml.
fs::path people_project(const std::string& name, const std::string& dataset_uri, const std::string& columns,
                        const std::string& project_extra = "") {
  fs::path dir = scratch(name);
  mrun::write_file_atomic((dir / "project.yml").string(),
                          "name: l\n" + project_extra + "vars:\n  dataset_uri: " + dataset_uri + "\n");
  mrun::write_file_atomic((dir / "models" / "sources.yml").string(),
                          "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: people\n"
                          "        meta: {file: people.csv}\n        columns:\n" + columns);
  return dir;
}
}  // namespace

TEST_CASE("usage errors exit 2, --version and --help exit 0") {
  CHECK(run_process({mrun_binary(), "--version"}).exit_code == 0);
  CHECK(run_process({mrun_binary(), "build", "--help"}).exit_code == 0);
  CHECK(run_process({mrun_binary(), "no-such-command"}).exit_code == 2);
  CHECK(run_process({mrun_binary(), "run", "--threads", "0"}).exit_code == 2);
}

TEST_CASE("a malformed project.yml exits 2 naming file, line and column") {
  fs::path dir = scratch("cli_bad_project");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: x\nmodels:\n  x: [unclosed\n");
  auto r = run_process({mrun_binary(), "ls", "--project-dir", dir.string()});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find((dir / "project.yml").string() + ":4:1:") != std::string::npos);

  mrun::write_file_atomic((dir / "project.yml").string(), "name: x\n");
  mrun::write_file_atomic((dir / "models" / "schema.yml").string(),
                          "version: 2\nmodels:\n  - name: m\n    columns: oops\n");
  auto schema = run_process({mrun_binary(), "ls", "--project-dir", dir.string()});
  CHECK(schema.exit_code == 2);
  CHECK(schema.output.find("models/schema.yml:4:14: columns must be a list") != std::string::npos);
}

TEST_CASE("two models of one name exit 2 naming both files") {
  fs::path dir = scratch("cli_duplicate_model");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: p\n");
  mrun::write_file_atomic((dir / "models" / "a" / "m.sql").string(), "select 1 as x\n");
  mrun::write_file_atomic((dir / "models" / "b" / "m.sql").string(), "select 2 as x\n");
  mrun::write_file_atomic((dir / "models" / "b" / "other.sql").string(), "select 3 as x\n");
  auto ls = run_process({mrun_binary(), "ls", "--project-dir", dir.string()});
  INFO(ls.output);
  CHECK(ls.exit_code == 2);
  CHECK(ls.output.find("models/b/m.sql:1:1: duplicate model 'm' (also defined at models/a/m.sql:1:1)") !=
        std::string::npos);
}

TEST_CASE("duplicated keys and wrong config types exit 2 naming file, line and column") {
  fs::path dir = scratch("cli_config_types");
  auto ls = [&] { return run_process({mrun_binary(), "ls", "--project-dir", dir.string()}); };
  auto debug = [&] { return run_process({mrun_binary(), "debug", "--project-dir", dir.string()}); };
  mrun::write_file_atomic((dir / "project.yml").string(),
                          "name: p\nmodels:\n  p:\n    +materialized: table\n    +materialized: view\n");
  auto dup = ls();
  INFO(dup.output);
  CHECK(dup.exit_code == 2);
  CHECK(dup.output.find("project.yml:5:5: duplicate key '+materialized'") != std::string::npos);

  mrun::write_file_atomic((dir / "project.yml").string(), "name: p\nprofile: p\nmodel-paths: 5\n");
  auto paths = ls();
  CHECK(paths.exit_code == 2);
  CHECK(paths.output.find("project.yml:3:14: model-paths must be a list") != std::string::npos);

  // Was "error: stoi" and exit 1.
  mrun::write_file_atomic((dir / "project.yml").string(), "name: p\nprofile: p\n");
  mrun::write_file_atomic((dir / "profiles.yml").string(),
                          "p:\n  outputs:\n    dev:\n      type: postgres\n      threads: 99999999999\n");
  auto threads = debug();
  INFO(threads.output);
  CHECK(threads.exit_code == 2);
  CHECK(threads.output.find("profiles.yml:5:16: 'threads' must be a whole number from 1 to 64, not '99999999999'") !=
        std::string::npos);
}

TEST_CASE("a malformed connection URL never prints its password") {
  fs::path dir = scratch("cli_url_leak");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: p\n");
  const std::string secret = "S3cretPW";
  for (const char* url : {"postgresql://postgres:pa@ss:S3cretPW@127.0.0.1:1/mrun",
                          "postgresql://postgres:S3cretPW@[::1:1/mrun",
                          "postgresql://postgres:S3cretPW@127.0.0.1:99999999/mrun",
                          "postgresql://postgres:S3cret%50W@127.0.0.1:1/mrun?connect_timeout=2",
                          "host=127.0.0.1 port=1 password=S3cretPW dbname=mrun connect_timeout=2",
                          "host=127.0.0.1 password = 'S3cretPW' port=x dbname=mrun",
                          "host=127.0.0.1 port=1 password=S3cretPW dbname"}) {
    for (const char* command : {"debug", "run"}) {
      setenv("MRUN_DATABASE_URL", url, 1);
      auto r = run_process({mrun_binary(), command, "--project-dir", dir.string()});
      unsetenv("MRUN_DATABASE_URL");
      INFO(command << " with " << url << ":\n" << r.output);
      CHECK(r.exit_code != 0);
      CHECK(r.output.find(secret) == std::string::npos);
      CHECK(r.output.find("****") != std::string::npos);
    }
  }
}

TEST_CASE("two parallel `mrun pg start` leave one healthy server, and stop stops it") {
  fs::path dir = scratch("cli_pg_parallel");
  mrun::ProcessResult a, b;
  std::thread first([&] { a = run_process({mrun_binary(), "pg", "start", "--project-dir", dir.string()}); });
  std::thread second([&] { b = run_process({mrun_binary(), "pg", "start", "--project-dir", dir.string()}); });
  first.join();
  second.join();
  INFO(a.output << b.output);
  CHECK(a.exit_code == 0);
  CHECK(b.exit_code == 0);
  CHECK(a.output == b.output);  // the same URL
  auto status = run_process({mrun_binary(), "pg", "status", "--project-dir", dir.string()});
  CHECK(status.exit_code == 0);
  CHECK(status.output.find("state:      running") != std::string::npos);
  // Room for an atomic publish of thousands of relations (db/embedded_postgres.cpp).
  auto locks = run_process({"psql", "-X", std::string(mrun::trim(a.output)), "-tAc", "show max_locks_per_transaction"});
  CHECK(mrun::trim(locks.output) == "1024");
  auto postmasters = run_process({"pgrep", "-f", "-c", (dir / ".mrun" / "postgres").string()});
  CHECK(mrun::split(std::string(mrun::trim(postmasters.output)), '\n').front() != "0");
  auto stop = run_process({mrun_binary(), "pg", "stop", "--project-dir", dir.string()});
  CHECK(stop.output.find("stopped") != std::string::npos);
  auto after = run_process({mrun_binary(), "pg", "status", "--project-dir", dir.string()});
  CHECK(after.exit_code == 1);
  CHECK(after.output.find("state:      stopped") != std::string::npos);
}

TEST_CASE("debug resolves profiles.yml with env_var and never prints the password") {
  fs::path dir = scratch("cli_debug_profile");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: p\nprofile: p\n");
  mrun::write_file_atomic((dir / "profiles.yml").string(),
                          "p:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: 127.0.0.1\n"
                          "      port: 1\n      user: me\n      password: \"{{ env_var('MRUN_TEST_SECRET') }}\"\n"
                          "      dbname: d\n      schema: analytics\n");
  setenv("MRUN_TEST_SECRET", "hunter2-secret", 1);
  auto r = run_process({mrun_binary(), "debug", "--project-dir", dir.string()});
  unsetenv("MRUN_TEST_SECRET");
  INFO(r.output);
  CHECK(r.exit_code == 3);  // nothing listens on port 1: transient
  CHECK(r.output.find("schema analytics") != std::string::npos);
  CHECK(r.output.find("me:****@127.0.0.1:1/d") != std::string::npos);
  CHECK(r.output.find("hunter2-secret") == std::string::npos);
  auto missing = run_process({mrun_binary(), "debug", "--project-dir", dir.string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("profiles.yml:9:17: environment variable MRUN_TEST_SECRET is not set") !=
        std::string::npos);
}

TEST_CASE("mrun load: loads a directory dataset, rejects bad records, fails on a missing file") {
  fs::path dir = people_project("cli_load", "data",
                                 "          - {name: id, data_type: bigint, meta: {check: positive_int, required: true}}\n"
                                 "          - {name: name, data_type: text}\n");
  fs::path data = dir / "data";
  mrun::write_file_atomic((data / "people.csv").string(), "id,name\n1,Ann\nx,Bob\n3,\"Cy\nwith newline\"\n");
  std::string url = mrun::test::fresh_database("it_cli_load");
  setenv("MRUN_DATABASE_URL", url.c_str(), 1);
  auto ok = run_process({mrun_binary(), "load", "--project-dir", dir.string()});
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
  CHECK(ok.output.find("load people.csv: read 3 loaded 2 rejected 1") != std::string::npos);
  {
    // Views over a raw table survive a reload; one the new file no longer fits is a warning.
    pqxx::connection db(url);
    pqxx::nontransaction(db).exec(
        "create view public.people_ids as select id from raw.people;"
        "create view public.people_names as select name from raw.people");
    mrun::write_file_atomic((dir / "models" / "sources.yml").string(),
                            "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: people\n"
                            "        meta: {file: people.csv}\n        columns:\n"
                            "          - {name: id, data_type: bigint}\n");
    mrun::write_file_atomic((data / "people.csv").string(), "id\n7\n");
    auto reload = run_process({mrun_binary(), "load", "--project-dir", dir.string()});
    INFO(reload.output);
    CHECK(reload.exit_code == 0);
    CHECK(reload.output.find("load people.csv: read 1 loaded 1 rejected 0 in ") != std::string::npos);
    CHECK(reload.output.find("\nwarning: view public.people_names over raw.people could not be recreated: column "
                             "people.name does not exist; `mrun run` rebuilds it if it is a model\n") !=
          std::string::npos);
    pqxx::nontransaction tx(db);
    CHECK(tx.exec1("select string_agg(id::text, ',') from public.people_ids")[0].as<std::string>() == "7");
    CHECK(tx.exec1("select count(*) from pg_views where viewname = 'people_names'")[0].as<int>() == 0);
  }
  fs::remove(data / "people.csv");
  auto missing = run_process({mrun_binary(), "load", "--project-dir", dir.string()});
  unsetenv("MRUN_DATABASE_URL");
  INFO(missing.output);
  CHECK(missing.exit_code == 1);
  CHECK(missing.output.find("people.csv") != std::string::npos);
}

TEST_CASE("mrun load: loads a zip dataset, and a corrupt entry fails the load naming it") {
  fs::path dir = people_project("cli_load_zip", "data.zip",
                                 "          - {name: id, data_type: bigint}\n          - {name: name, data_type: text}\n");
  std::string csv = "id,name\n";
  for (int i = 1; i <= 50000; ++i) csv += std::to_string(i) + ",person " + std::to_string(i * 7919 % 1000) + "\n";
  mrun::write_file_atomic((dir / "people.csv").string(), csv);
  REQUIRE(run_process({"zip", "-q", "-j", (dir / "data.zip").string(), (dir / "people.csv").string()}).exit_code == 0);
  setenv("MRUN_DATABASE_URL", mrun::test::fresh_database("it_cli_load_zip").c_str(), 1);
  auto ok = run_process({mrun_binary(), "load", "--project-dir", dir.string()});
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
  CHECK(ok.output.find("load people.csv: read 50000 loaded 50000 rejected 0") != std::string::npos);

  // One byte flipped in the middle of the deflated data (after the local header).
  std::string zip = mrun::read_file((dir / "data.zip").string());
  auto u16 = [&](size_t at) { return size_t(uint8_t(zip[at])) | size_t(uint8_t(zip[at + 1])) << 8; };
  size_t data = 30 + u16(26) + u16(28);
  size_t middle = data + (zip.find("PK\x01\x02") - data) / 2;
  zip[middle] = static_cast<char>(zip[middle] ^ 0x10);
  mrun::write_file_atomic((dir / "data.zip").string(), zip);
  // The directory still records the loaded entry's CRC-32, so without
  // --no-skip the file would be skipped as unchanged, unread.
  auto corrupt = run_process({mrun_binary(), "load", "--no-skip", "--project-dir", dir.string()});
  unsetenv("MRUN_DATABASE_URL");
  INFO(corrupt.output);
  CHECK(corrupt.exit_code == 1);
  CHECK(corrupt.output.find("data.zip: people.csv: ") != std::string::npos);
  CHECK((corrupt.output.find("read failed") != std::string::npos ||
         corrupt.output.find("checksum mismatch") != std::string::npos));
}

TEST_CASE("log-format json: load summaries, warnings, errors and every other line are JSON events") {
  fs::path dir = people_project("cli_load_json", "data",
                                 "          - {name: id, data_type: bigint, meta: {check: positive_int}}\n",
                                 "bogus: 1\n");
  mrun::write_file_atomic((dir / "data" / "people.csv").string(), "id\n1\nx\n");
  // Every line is one JSON object; returns them by event name.
  auto events_of = [](const mrun::ProcessResult& r) {
    std::multimap<std::string, nlohmann::json> events;
    for (const auto& line : mrun::split(r.output, '\n')) {
      if (line.empty()) continue;
      INFO(line);
      nlohmann::json event;
      REQUIRE_NOTHROW(event = nlohmann::json::parse(line));
      events.emplace(event["event"].get<std::string>(), event);
    }
    return events;
  };
  setenv("MRUN_DATABASE_URL", mrun::test::fresh_database("it_cli_load_json").c_str(), 1);
  auto ok = run_process({mrun_binary(), "load", "--log-format", "json", "--project-dir", dir.string()});
  fs::remove(dir / "data" / "people.csv");
  auto failed = run_process({mrun_binary(), "load", "--log-format", "json", "--project-dir", dir.string()});
  unsetenv("MRUN_DATABASE_URL");
  INFO(ok.output << failed.output);
  CHECK(ok.exit_code == 0);
  auto events = events_of(ok);
  REQUIRE(events.count("load_file_finished") == 1);
  auto file = events.find("load_file_finished")->second;
  CHECK(file["file"] == "people.csv");
  CHECK(file["read"] == 2);
  CHECK(file["rejected"] == 1);
  REQUIRE(events.count("load_finished") == 1);
  CHECK(events.find("load_finished")->second["rejects_query"].get<std::string>().find("load_id = '") !=
        std::string::npos);
  REQUIRE(events.count("warning") == 1);
  CHECK(events.find("warning")->second["message"].get<std::string>().find("unknown key 'bogus'") != std::string::npos);

  CHECK(failed.exit_code == 1);
  auto failed_events = events_of(failed);
  REQUIRE(failed_events.count("load_file_finished") == 1);
  CHECK(failed_events.find("load_file_finished")->second["ok"] == false);

  // What a command prints besides events (ls's list, debug's facts) comes as output events.
  auto listed = run_process({mrun_binary(), "ls", "--log-format", "json", "--project-dir", dir.string()});
  CHECK(listed.exit_code == 0);
  auto listed_events = events_of(listed);
  REQUIRE(listed_events.count("output") >= 1);
  CHECK(listed_events.find("output")->second["stream"] == "stdout");
  CHECK(listed_events.find("output")->second["message"].get<std::string>().find("people") != std::string::npos);
  CHECK(events_of(run_process({mrun_binary(), "debug", "--log-format", "json", "--project-dir", dir.string()}))
            .count("output") >= 3);
  // debug, with no MRUN_DATABASE_URL, started the project's embedded cluster: stop it.
  run_process({mrun_binary(), "pg", "stop", "--project-dir", dir.string()});

  mrun::write_file_atomic((dir / "project.yml").string(), "name: l\nname: m\n");
  auto config = run_process({mrun_binary(), "ls", "--log-format", "json", "--project-dir", dir.string()});
  CHECK(config.exit_code == 2);
  auto config_events = events_of(config);
  REQUIRE(config_events.count("error") == 1);
  CHECK(config_events.find("error")->second["message"].get<std::string>().find("duplicate key 'name'") !=
        std::string::npos);
}

TEST_CASE("selection flags -s and -m take several values, as dbt's do") {
  fs::path dir = scratch("cli_select_values");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: s\n");
  for (const char* m : {"a", "b", "c"})
    mrun::write_file_atomic((dir / "models" / (std::string(m) + ".sql")).string(), "select 1 as x\n");
  for (const char* flag : {"-s", "-m", "--select"}) {
    auto r = run_process({mrun_binary(), "ls", flag, "a", "b", "--project-dir", dir.string()});
    INFO(flag << ": " << r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output == "s.a\ns.b\n");
  }
  auto excluded = run_process({mrun_binary(), "ls", "-s", "a", "b", "c", "--exclude", "b", "--project-dir", dir.string()});
  CHECK(excluded.output == "s.a\ns.c\n");
}

TEST_CASE("a selection that matches nothing is named in the warning") {
  fs::path dir = scratch("cli_select_nothing");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: s\n");
  mrun::write_file_atomic((dir / "models" / "a.sql").string(), "select 1 as x\n");
  auto r = run_process({mrun_binary(), "compile", "-s", "nope", "--exclude", "a", "--project-dir", dir.string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("warning: nothing to do: --select 'nope' --exclude 'a' matches no nodes") != std::string::npos);
}

TEST_CASE("on a terminal lines are colored unless NO_COLOR or --no-use-colors") {
  fs::path dir = scratch("cli_colors");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: s\n");
  mrun::write_file_atomic((dir / "models" / "a.sql").string(), "select 1 as x\n");
  // script(1) gives mrun a pseudo-terminal as stdout.
  auto on_terminal = [&](const std::string& env, const std::string& flags) {
    std::string command = env + " " + mrun_binary() + " compile " + flags + " --project-dir " + dir.string();
    return run_process({"script", "-qec", command, "/dev/null"}).output;
  };
  CHECK(on_terminal("", "").find("\033[") != std::string::npos);
  CHECK(on_terminal("NO_COLOR=1", "").find("\033[") == std::string::npos);
  CHECK(on_terminal("", "--no-use-colors").find("\033[") == std::string::npos);
  CHECK(on_terminal("NO_COLOR=", "").find("\033[") != std::string::npos);  // empty means unset
}

TEST_CASE("with --warn-error a test warning fails the run") {
  fs::path dir = scratch("cli_warn_error");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: w\n");
  mrun::write_file_atomic((dir / "models" / "m.sql").string(), "select null::int as x\n");
  mrun::write_file_atomic((dir / "models" / "schema.yml").string(),
                          "version: 2\nmodels:\n  - name: m\n    columns:\n      - name: x\n        data_tests:\n"
                          "          - not_null:\n              config: {severity: warn}\n");
  setenv("MRUN_DATABASE_URL", mrun::test::fresh_database("it_cli_warn_error").c_str(), 1);
  auto warned = run_process({mrun_binary(), "build", "--project-dir", dir.string()});
  auto strict = run_process({mrun_binary(), "build", "--warn-error", "--project-dir", dir.string()});
  unsetenv("MRUN_DATABASE_URL");
  INFO(warned.output << strict.output);
  CHECK(warned.exit_code == 0);
  CHECK(warned.output.find("WARN") != std::string::npos);
  CHECK(strict.exit_code == 1);
  CHECK(strict.output.find("--warn-error: 1 test warning(s) count as failures") != std::string::npos);
}

TEST_CASE("quiet runs print only errors and failures") {
  fs::path dir = scratch("cli_quiet");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: q\n");
  mrun::write_file_atomic((dir / "models" / "good.sql").string(), "select 1 as x\n");
  mrun::write_file_atomic((dir / "models" / "fine.sql").string(), "select 2 as y\n");  // two: no SQL printed
  auto compiled = run_process({mrun_binary(), "compile", "-q", "--project-dir", dir.string()});
  CHECK(compiled.exit_code == 0);
  CHECK(compiled.output == "");
  mrun::write_file_atomic((dir / "models" / "bad.sql").string(), "select * from no_such_table\n");
  setenv("MRUN_DATABASE_URL", mrun::test::fresh_database("it_cli_quiet").c_str(), 1);
  auto run = run_process({mrun_binary(), "run", "--quiet", "--project-dir", dir.string()});
  unsetenv("MRUN_DATABASE_URL");
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(run.output.find("ERROR") != std::string::npos);
  CHECK(run.output.find("no_such_table") != std::string::npos);
  CHECK(run.output.find("good") == std::string::npos);
  CHECK(run.output.find("START") == std::string::npos);
}

TEST_CASE("an unknown command is named, with the nearest command") {
  auto typo = run_process({mrun_binary(), "--threads", "2", "biuld"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.output.find("error: unknown command 'biuld'; did you mean 'build'?") != std::string::npos);
  auto far = run_process({mrun_binary(), "frobnicate"});
  CHECK(far.exit_code == 2);
  CHECK(far.output.find("error: unknown command 'frobnicate' (mrun --help lists the commands)") != std::string::npos);
  CHECK(run_process({mrun_binary()}).exit_code == 2);  // no command at all: CLI11's usage message
}

TEST_CASE("compile of one selected model prints its SQL") {
  fs::path dir = scratch("cli_compile_one");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: c\nvars:\n  n: 41\n");
  mrun::write_file_atomic((dir / "models" / "a.sql").string(), "select {{ var('n') + 1 }} as x\n");
  mrun::write_file_atomic((dir / "models" / "b.sql").string(), "select 2 as y\n");
  auto one = run_process({mrun_binary(), "-q", "compile", "-s", "a", "--project-dir", dir.string()});
  INFO(one.output);
  CHECK(one.exit_code == 0);
  CHECK(one.output == "Compiled node 'a' is:\nselect 42 as x\n");
  auto two = run_process({mrun_binary(), "compile", "-s", "a", "b", "--project-dir", dir.string()});
  CHECK(two.output.find("Compiled node") == std::string::npos);
}

TEST_CASE("each command's help names the global flags") {
  for (const char* command : {"build", "run", "load", "ls", "show"}) {
    auto help = run_process({mrun_binary(), command, "--help"});
    INFO(command << ": " << help.output);
    CHECK(help.exit_code == 0);
    for (const char* flag : {"--project-dir", "--vars", "-t/--target", "--threads", "--log-format"})
      CHECK(help.output.find(flag) != std::string::npos);
  }
}

TEST_CASE("a ref or source that names nothing points at the call, with the nearest name") {
  fs::path dir = scratch("cli_ref_position");
  mrun::write_file_atomic((dir / "project.yml").string(), "name: r\n");
  mrun::write_file_atomic((dir / "models" / "fct_movie.sql").string(), "select 1 as id\n");
  mrun::write_file_atomic((dir / "models" / "sources.yml").string(),
                          "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: films\n");
  mrun::write_file_atomic((dir / "models" / "mart.sql").string(), "select *\n  from {{ ref('fct_movei') }}\n");
  auto ref = run_process({mrun_binary(), "compile", "--project-dir", dir.string()});
  INFO(ref.output);
  CHECK(ref.exit_code == 2);
  CHECK(ref.output.find("models/mart.sql:2:11: mart refers to 'fct_movei', which is not a model, seed or snapshot of this "
                        "project; did you mean 'fct_movie'?\n    from {{ ref('fct_movei') }}\n            ^") !=
        std::string::npos);
  mrun::write_file_atomic((dir / "models" / "mart.sql").string(), "select * from {{ source('raw', 'flims') }}\n");
  auto source = run_process({mrun_binary(), "compile", "--project-dir", dir.string()});
  INFO(source.output);
  CHECK(source.exit_code == 2);
  CHECK(source.output.find("models/mart.sql:1:18: mart uses source('raw', 'flims'), which no sources: block declares; "
                           "did you mean 'raw.films'?") != std::string::npos);
}
