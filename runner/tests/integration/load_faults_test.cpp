// Fault injection on `mrun load` through the binary: every way a load can
// fail (a bad file, a bad declaration, SIGTERM, SIGINT, kill -9, a lost
// connection) leaves every raw table as it was, a lost connection exits 3
// (a scheduler retries it), and what a dead load left behind is cleaned up
// by the next run (runner/tests/projects/drops).
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "cli_runner.h"
#include "test_database.h"
#include "util/strings.h"

using mrun::test::ProjectFixture;

namespace {

constexpr const char* kFirstPeople = "id,name\n1,old-a\n2,old-b\n";
constexpr const char* kFirstPets = "pet_id,owner_id\n10,1\n";

// What the tables and the view over raw.people hold now.
std::string published_state(const ProjectFixture& p) {
  return p.query_value("select string_agg(id || ':' || name, ',' order by id) from raw.people") + " | " +
         p.query_value("select string_agg(pet_id || ':' || owner_id, ',' order by pet_id) from raw.pets") + " | " +
         p.query_value("select string_agg(name, ',' order by id) from people_names");
}

// Tables a load left behind: staged ones and new tables not yet swapped in.
std::string leftovers(const ProjectFixture& p) {
  return p.query_value(
      "select coalesce(string_agg(c.relname, ',' order by c.relname), '') from pg_class c"
      " join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'raw' and c.relkind = 'r'"
      " and (c.relname like '%\\_\\_new\\_%' or obj_description(c.oid, 'pg_class') like 'mrun load (staged%')");
}

// Replaces `from` by `to` in the project's models/sources.yml.
void edit_sources(const ProjectFixture& p, const std::string& from, const std::string& to) {
  p.write("models/sources.yml", mrun::replace_all(mrun::read_file(p.dir() + "/models/sources.yml"), from, to));
}

// A project whose first drop is loaded and whose view is built.
ProjectFixture loaded_project(const std::string& database) {
  ProjectFixture p("drops", database);
  p.write("data/people.csv", kFirstPeople);
  p.write("data/pets.csv", kFirstPets);
  auto first = p.mrun({"build"});
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  REQUIRE(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");
  return p;
}

// people.csv with `rows` records: large enough that its COPY runs for a while.
std::string many_people(int rows) {
  std::string csv = "id,name\n";
  csv.reserve(static_cast<size_t>(rows) * 24);
  for (int i = 1; i <= rows; ++i) csv += std::to_string(i) + ",new-person-" + std::to_string(i) + "\n";
  return csv;
}

// Waits (up to 60 s) until `sql` returns something other than "0".
bool wait_for(const ProjectFixture& p, const std::string& sql) {
  for (int i = 0; i < 6000; ++i) {
    if (p.query_value(sql) != "0") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

const std::string kCopyOfPeopleRuns =
    "select count(*) from pg_stat_activity where datname = current_database() and state = 'active' and query like "
    "'COPY %people%'";

}  // namespace

TEST_CASE("load faults: a drop with one bad file replaces no raw table and says so") {
  ProjectFixture p = loaded_project("it_load_all_or_nothing");
  struct Fault {
    const char* what;
    const char* file;  // the file the fault is in
    const char* content;
  };
  const Fault faults[] = {
      {"an empty file", "data/pets.csv", ""},
      {"a duplicated header column", "data/pets.csv", "pet_id,owner_id,pet_id\n11,2,11\n"},
      {"too many rejects", "data/people.csv", "id,name\nx,a\ny,b\n3,c\n"},
      {"a missing file", "data/pets.csv", nullptr},
  };
  for (const Fault& fault : faults) {
    INFO(fault.what);
    // The good file of the drop is new, the other one is faulty.
    p.write("data/people.csv", "id,name\n5,new-e\n");
    p.write("data/pets.csv", "pet_id,owner_id\n12,5\n");
    if (fault.content) p.write(fault.file, fault.content);
    else p.remove(fault.file);
    auto r = p.mrun({"load"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("load failed: 1 of 2 files; nothing committed: every raw table keeps its previous "
                        "contents") != std::string::npos);
    CHECK(r.output.find(": FAILED ") != std::string::npos);
    CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");
    CHECK(leftovers(p) == "");
  }

  SECTION("a column type the server does not know") {
    p.write("data/people.csv", "id,name\n5,new-e\n");
    p.write("data/pets.csv", "pet_id,owner_id\n12,5\n");
    edit_sources(p, "{name: owner_id, data_type: bigint}", "{name: owner_id, data_type: bigintt}");
    auto r = p.mrun({"load"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("bigintt") != std::string::npos);
    CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");
    CHECK(leftovers(p) == "");
  }
  SECTION("a good drop replaces both tables at once and keeps the view") {
    p.write("data/people.csv", "id,name\n5,new-e\n");
    p.write("data/pets.csv", "pet_id,owner_id\n12,5\n");
    auto r = p.mrun({"load"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("load committed: 2 raw tables replaced in one transaction") != std::string::npos);
    CHECK(published_state(p) == "5:new-e | 12:5 | new-e");
    // Statistics were gathered for the planner.
    CHECK(p.query_value("select count(*) from pg_stats where schemaname = 'raw' and tablename = 'people'") != "0");
  }
}

TEST_CASE("load faults: a file with a header and no records warns, and fails the load below min_rows") {
  ProjectFixture p = loaded_project("it_load_min_rows");
  p.write("data/people.csv", "id,name\n5,new-e\n");
  p.write("data/pets.csv", "pet_id,owner_id\n");

  SECTION("without min_rows the table is emptied, with a warning naming the file and the table") {
    auto r = p.mrun({"load"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("warning: pets.csv has a header and no records: raw.pets is now empty") != std::string::npos);
    CHECK(published_state(p) == "5:new-e |  | new-e");

    // The same files again: --no-skip, or they would be skipped as unchanged.
    auto json = p.mrun({"load", "--no-skip", "--log-format", "json"});
    INFO(json.output);
    CHECK(json.exit_code == 0);
    CHECK(json.output.find("\"event\":\"warning\",\"message\":\"pets.csv has a header and no records: raw.pets is "
                           "now empty") != std::string::npos);
  }
  SECTION("below min_rows the load fails and every table stays") {
    edit_sources(p, "meta: {file: pets.csv}", "meta: {file: pets.csv, min_rows: 2}");
    auto r = p.mrun({"load"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("FAILED pets.csv: 0 good rows (a header and no records), fewer than min_rows 2") !=
          std::string::npos);
    CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");

    p.write("data/pets.csv", "pet_id,owner_id\n12,5\nbad,6\n");  // two records, one good
    r = p.mrun({"load"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("pets.csv: 1 good rows, fewer than min_rows 2") != std::string::npos);
    CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");

    p.write("data/pets.csv", "pet_id,owner_id\n12,5\n13,5\n");
    r = p.mrun({"load"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(published_state(p) == "5:new-e | 12:5,13:5 | new-e");
  }
}

TEST_CASE("load faults: SIGTERM or SIGINT during the COPY cancels it, keeps every table, exits 1") {
  ProjectFixture p = loaded_project("it_load_signals");
  p.write("data/people.csv", many_people(6000000));
  for (int signal : {SIGTERM, SIGINT}) {
    INFO("signal " << signal);
    auto load = p.start({"load"});
    REQUIRE(wait_for(p, kCopyOfPeopleRuns));
    auto sent = std::chrono::steady_clock::now();
    load.signal(signal);
    auto r = load.wait();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(seconds < 10);
    CHECK(r.output.find("interrupted: the load was cancelled; nothing committed") != std::string::npos);
    CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");
    CHECK(leftovers(p) == "");
    CHECK(p.query_value(kCopyOfPeopleRuns) == "0");
  }
}

TEST_CASE("load faults: after kill -9 mid-load the old tables stay and the next run drops what it staged") {
  ProjectFixture p = loaded_project("it_load_kill");
  p.write("data/people.csv", many_people(6000000));
  p.write("data/pets.csv", "pet_id,owner_id\n12,5\n");
  auto load = p.start({"load", "--threads", "2"});
  // pets.csv is staged (committed) while people.csv still streams.
  REQUIRE(wait_for(p, "select count(*) from pg_class where obj_description(oid, 'pg_class') like "
                      "'mrun load (staged%\"raw\".\"pets\"'"));
  REQUIRE(wait_for(p, kCopyOfPeopleRuns));
  load.signal(SIGKILL);
  CHECK(load.wait().exit_code == 128 + SIGKILL);
  CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");
  CHECK(leftovers(p) != "");  // what this test is about

  auto run = p.mrun({"run"});  // no load: a command that takes the run lock
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK(leftovers(p) == "");
  CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");
}

TEST_CASE("load faults: the next run terminates the backends a killed run left working") {
  ProjectFixture p = loaded_project("it_load_orphan_backend");
  // The statement ignores its client's death (as on a server without
  // client_connection_check_interval) and would run for a minute.
  p.write("models/slow.sql",
          "{{ config(materialized='table', pre_hook='set client_connection_check_interval = 0') }}"
          " select pg_sleep(61)::text as waited\n");
  const std::string sleeping =
      "select count(*) from pg_stat_activity where datname = current_database() and query like '%pg_sleep(61)%' and "
      "query not like '%pg_stat_activity%'";
  auto run = p.start({"run", "-s", "slow"});
  REQUIRE(wait_for(p, sleeping));
  run.signal(SIGKILL);
  run.wait();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  REQUIRE(p.query_value(sleeping) == "1");  // still working for a dead client
  auto next = p.mrun({"run", "-s", "people_names"});
  INFO(next.output);
  CHECK(next.exit_code == 0);
  CHECK(wait_for(p, "select case when (" + sleeping + ") = 0 then 1 else 0 end"));
}

TEST_CASE("load faults: a connection lost during the COPY fails the load with exit 3 and replaces nothing") {
  ProjectFixture p = loaded_project("it_load_lost_connection");
  p.write("data/people.csv", many_people(6000000));
  auto load = p.start({"load"});
  REQUIRE(wait_for(p, kCopyOfPeopleRuns));
  // The server ends the COPY's session, as a restart or an administrator would.
  p.query_value("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() "
                "and state = 'active' and query like 'COPY %people%'");
  auto r = load.wait();
  INFO(r.output);
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("nothing committed: every raw table keeps its previous contents") != std::string::npos);
  CHECK(published_state(p) == "1:old-a,2:old-b | 10:1 | old-a,old-b");
  CHECK(leftovers(p) == "");
}

TEST_CASE("load faults: the dataset can be named on the command line (mrun load URI, build --dataset URI)") {
  ProjectFixture p = loaded_project("it_load_dataset_argument");
  p.write("drop2/people.csv", "id,name\n7,arg-g\n");
  p.write("drop2/pets.csv", "pet_id,owner_id\n70,7\n");
  auto absolute = p.mrun({"load", p.dir() + "/drop2"});
  INFO(absolute.output);
  CHECK(absolute.exit_code == 0);
  CHECK(published_state(p) == "7:arg-g | 70:7 | arg-g");

  p.write("drop3/people.csv", "id,name\n8,cwd-h\n");
  p.write("drop3/pets.csv", "pet_id,owner_id\n80,8\n");
  setenv("MRUN_DATABASE_URL", p.url().c_str(), 1);  // a relative path is relative to the working directory
  auto relative = mrun::run_process({mrun::test::mrun_binary(), "build", "--dataset", "drop3", "--project-dir", "."},
                                    p.dir());
  unsetenv("MRUN_DATABASE_URL");
  INFO(relative.output);
  CHECK(relative.exit_code == 0);
  CHECK(published_state(p) == "8:cwd-h | 80:8 | cwd-h");
}
