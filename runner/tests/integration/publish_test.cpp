// Write–audit–publish (README "Publishing"), through the binary: a run
// builds under shadow names and publishes everything at once when it
// passed; a run that fails publishes nothing and leaves every published
// relation as it was, contents and object ids; a lock held by a reader makes
// the publish wait, back off and retry; `--publish per_node` replaces each
// relation as it is built.
#include <catch2/catch.hpp>
#include <atomic>
#include <csignal>
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <future>
#include <sstream>
#include <filesystem>
#include <vector>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "cli_runner.h"
#include "test_database.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// Every published relation of the project's schemas (not the run state's,
// not a shadow's, not a staged raw table) with its kind, object id and a
// digest of its rows, one per line.
std::string published_state(const ProjectFixture& p) {
  pqxx::connection conn(p.url());
  pqxx::nontransaction tx(conn);
  std::string out;
  for (const auto& row : tx.exec(
           "select format('%I.%I', n.nspname, c.relname), c.relkind, c.oid from pg_class c join pg_namespace n "
           "on n.oid = c.relnamespace where c.relkind in ('r', 'v', 'm') and n.nspname not in "
           "('pg_catalog', 'information_schema', 'mrun_state') and n.nspname not like 'pg_toast%' "
           "and n.nspname not like '%\\_\\_mrun\\_shadow' and n.nspname not like '%\\_audit' "
           "and c.relname not like '%\\_\\_new\\_%' "
           "order by 1")) {
    std::string name = row[0].c_str();
    std::string digest =
        tx.exec1("select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from " + name + " t")[0].c_str();
    out += name + " " + row[1].c_str() + " oid " + row[2].c_str() + " rows " + digest + "\n";
  }
  return out;
}

void exec_sql(const ProjectFixture& p, const std::string& sql) {
  pqxx::connection conn(p.url());
  pqxx::nontransaction(conn).exec(sql);
}

// Relations in the shadow schemas.
int shadow_relations(const ProjectFixture& p) {
  return std::stoi(p.query_value(
      "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
      "where n.nspname like '%\\_\\_mrun\\_shadow' and c.relkind in ('r', 'v', 'm')"));
}

}  // namespace

TEST_CASE("publish atomic: a failing error test publishes nothing, a passing run publishes all, reuse still works") {
  ProjectFixture p("jaffle", "it_publish_atomic");
  auto first = p.mrun({"build"});
  INFO(output_of(first));
  REQUIRE(first.exit_code == 0);
  CHECK(contains(first.output, "in one transaction"));
  CHECK(p.query_value("select count(*) from mrun_state.runs where published_at is not null and publish = 'atomic'") ==
        "1");
  CHECK(shadow_relations(p) == 0);
  // What people add to published relations, which publishes keep.
  exec_sql(p, "grant select on public.customers to public; comment on table public.customers is 'for analysts';"
              " create index customers_by_name on public.customers (first_name);"
              " create view public.analyst_customers as select customer_id, first_name from public.customers");
  std::string before = published_state(p);

  // A changed model and a test over it that fails (error severity).
  p.write("models/staging/stg_customers.sql",
          "select id as customer_id, upper(first_name) as first_name, last_name from {{ ref('raw_customers') }}\n");
  p.write("tests/no_upper_names.sql",
          "select * from {{ ref('stg_customers') }} where first_name = upper(first_name)\n");
  auto failing = p.mrun({"build"});
  INFO(output_of(failing));
  CHECK(failing.exit_code == 1);
  CHECK(contains(failing.output, "nothing published"));
  CHECK(published_state(p) == before);  // contents and object ids
  CHECK(shadow_relations(p) > 0);       // kept for inspection
  // The shadow holds what the run built.
  CHECK(p.query_value("select count(*) from public__mrun_shadow.stg_customers where first_name = upper(first_name)") !=
        "0");

  // The next run cleans the shadows up and publishes.
  p.remove("tests/no_upper_names.sql");
  auto passing = p.mrun({"build"});
  INFO(output_of(passing));
  CHECK(passing.exit_code == 0);
  CHECK(contains(passing.output, "in one transaction"));
  CHECK(shadow_relations(p) == 0);
  CHECK(p.query_value("select count(*) from public.stg_customers where first_name <> upper(first_name)") == "0");
  CHECK(p.query_value("select count(*) from public.customers") != "0");
  // customers was replaced; what people added to it is on the new table.
  CHECK(p.query_value("select count(*) from public.analyst_customers where first_name <> upper(first_name)") == "0");
  CHECK(p.query_value("select has_table_privilege('public', 'public.customers', 'select')") == "t");
  CHECK(p.query_value("select obj_description('public.customers'::regclass, 'pg_class')") == "for analysts");
  CHECK(p.query_value("select count(*) from pg_indexes where schemaname = 'public' and indexname = "
                      "'customers_by_name'") == "1");

  // Nothing changed: everything is reused, and stays published.
  auto again = p.mrun({"build"});
  INFO(output_of(again));
  CHECK(again.exit_code == 0);
  CHECK(contains(again.output, "SKIP unchanged"));
  for (const char* built : {" OK table", " OK view", " OK incremental", " OK seed"})
    CHECK(!contains(again.output, built));  // no model or seed built again
  CHECK(!contains(again.output, " PASS "));  // no test run again
}

namespace {

// Appends `text` to the project file of `p` (dbt_project.yml or project.yml).
void append_to_project_file(const ProjectFixture& p, const std::string& file, const std::string& text) {
  std::ifstream in(p.dir() + "/" + file);
  std::stringstream content;
  content << in.rdbuf();
  p.write(file, content.str() + "\n" + text);
}

// A session that reads public.customers in an open transaction: it holds an
// ACCESS SHARE lock on it until released, as a long analyst query does.
class LockHolder {
 public:
  explicit LockHolder(const std::string& url) : conn_(url), tx_(conn_) {
    tx_.exec("select count(*) from public.customers");
  }
  void release() { tx_.abort(); }

 private:
  pqxx::connection conn_;
  pqxx::work tx_;
};

// Reads public.customers on fresh transactions until `stop`; the longest a
// read took, in seconds.
double longest_read(const std::string& url, const std::atomic<bool>& stop) {
  pqxx::connection conn(url);
  double longest = 0;
  while (!stop) {
    auto started = std::chrono::steady_clock::now();
    pqxx::nontransaction(conn).exec("select count(*) from public.customers");
    longest = std::max(longest, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return longest;
}

}  // namespace

TEST_CASE("publish atomic: a reader's lock makes the publish back off and retry, never blocking new readers for long") {
  ProjectFixture p("jaffle", "it_publish_locks");
  REQUIRE(p.mrun({"build"}).exit_code == 0);
  std::string before = published_state(p);
  p.write("models/staging/stg_customers.sql",
          "select id as customer_id, lower(first_name) as first_name, last_name from {{ ref('raw_customers') }}\n");

  SECTION("the lock outlasts every attempt: the run gives up, exit 1, nothing published") {
    append_to_project_file(p, "dbt_project.yml", "publish-lock-timeout: 0.5\npublish-attempts: 2\n");
    LockHolder holder(p.url());
    std::atomic<bool> stop{false};
    auto reads = std::async(std::launch::async, [&] { return longest_read(p.url(), stop); });
    auto r = p.mrun({"build"});
    stop = true;
    double longest = reads.get();
    INFO(output_of(r));
    CHECK(r.exit_code == 1);
    CHECK(contains(r.output, "publish attempt 1 of 2 waited too long for a lock"));
    CHECK(contains(r.output, "gave up after 2 attempts"));
    CHECK(contains(r.output, "nothing was published"));
    CHECK(contains(r.output, "Completed with failures"));
    holder.release();
    CHECK(published_state(p) == before);
    // New readers waited behind the publish at most about its lock timeout.
    CHECK(longest < 0.5 + 0.4);
    // The next run, with no reader in the way, publishes.
    auto next = p.mrun({"build"});
    INFO(output_of(next));
    CHECK(next.exit_code == 0);
    CHECK(p.query_value("select count(*) from public.customers where first_name <> lower(first_name)") == "0");
  }

  SECTION("the reader finishes during the back-off: a later attempt publishes") {
    append_to_project_file(p, "dbt_project.yml", "publish-lock-timeout: 0.5\npublish-attempts: 4\n");
    auto holder = std::make_unique<LockHolder>(p.url());
    auto run = p.start({"build"});
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    holder->release();
    auto r = run.wait();
    INFO(output_of(r));
    CHECK(r.exit_code == 0);
    CHECK(contains(r.output, "waited too long for a lock"));
    CHECK(contains(r.output, "in one transaction"));
    CHECK(p.query_value("select count(*) from public.customers where first_name <> lower(first_name)") == "0");
  }
}

TEST_CASE("publish per_node: each relation is replaced as it is built, as before") {
  ProjectFixture p("jaffle", "it_publish_per_node");
  REQUIRE(p.mrun({"build", "--publish", "per_node"}).exit_code == 0);
  std::string before = published_state(p);
  p.write("models/staging/stg_customers.sql",
          "select id as customer_id, upper(first_name) as first_name, last_name from {{ ref('raw_customers') }}\n");
  p.write("tests/no_upper_names.sql",
          "select * from {{ ref('stg_customers') }} where first_name = upper(first_name)\n");
  auto r = p.mrun({"build", "--publish", "per_node"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(!contains(r.output, "nothing published"));
  // The model before the failing test was replaced in place.
  CHECK(published_state(p) != before);
  CHECK(p.query_value("select count(*) from public.stg_customers where first_name <> upper(first_name)") == "0");
  CHECK(shadow_relations(p) == 0);
  CHECK(p.query_value("select publish from mrun_state.runs order by started_at desc limit 1") == "per_node");
}

namespace {

// A drop of the movies dataset generated by moviegen at a small scale, in
// a folder of its own (`name`: tests running at once must not share one).
std::string generate_drop(int seed, const std::string& name) {
  std::string dir = mrun::test::build_dir() + "/test-projects/it_publish_data/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(std::filesystem::path(dir).parent_path());
  auto r = mrun::run_process(
      {mrun::test::moviegen_binary(), "--scale", "0.01", "--seed", std::to_string(seed), "--out-dir", dir});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  return dir;
}

std::vector<std::string> build_args(const std::string& drop) {
  return {"build", "--vars", "{dataset_uri: '" + drop + "'}"};
}

// Rows that break the invariants between raw, core and marts tables, as one
// snapshot sees them: mart_genre_year's movie counts against a recount from
// fct_movie and the genre bridge, mart_top_genre_year against
// mart_genre_year's first ranks, and fct_movie against the raw table it
// comes from (through the stg_movies table).
const char* const kInconsistentRows =
    "select (select count(*) from ("
    "  (select genre_id, release_year, movie_count from marts.mart_genre_year"
    "   except select b.genre_id, f.release_year, count(distinct f.movie_id) from core.fct_movie f"
    "   join core.bridge_movie_genre b on b.movie_id = f.movie_id where f.release_year is not null group by 1, 2)"
    "  union all"
    "  (select b.genre_id, f.release_year, count(distinct f.movie_id) from core.fct_movie f"
    "   join core.bridge_movie_genre b on b.movie_id = f.movie_id where f.release_year is not null group by 1, 2"
    "   except select genre_id, release_year, movie_count from marts.mart_genre_year)) x)"
    " + (select count(*) from ("
    "  (select release_year, genre_id from marts.mart_top_genre_year"
    "   except select release_year, genre_id from marts.mart_genre_year where popularity_rank = 1)"
    "  union all"
    "  (select release_year, genre_id from marts.mart_genre_year where popularity_rank = 1"
    "   except select release_year, genre_id from marts.mart_top_genre_year)) y)"
    " + (select count(*) from core.fct_movie f where not exists"
    "  (select 1 from raw.movies_metadata m where m.id = f.movie_id))";

}  // namespace

TEST_CASE("publish atomic: the load's raw tables publish with the models, or stay with them") {
  ProjectFixture p("movies", "it_publish_movies");
  std::string a = generate_drop(5, "load/A");
  std::string b = generate_drop(6, "load/B");
  auto first = p.mrun(build_args(a));
  INFO(output_of(first));
  REQUIRE(first.exit_code == 0);
  CHECK(contains(first.output, "load staged"));
  CHECK(contains(first.output, "raw tables in one transaction"));
  std::string before = published_state(p);

  // Drop B with a model that fails: nothing of B is published, raw tables included.
  std::string mart = mrun::test::source_dir() + "/models/marts/mart_top_genre_year.sql";
  p.write("models/marts/mart_top_genre_year.sql", "select 1 / 0 as broken\n");
  auto failing = p.mrun(build_args(b));
  INFO(output_of(failing));
  CHECK(failing.exit_code == 1);
  CHECK(contains(failing.output, "nothing published"));
  CHECK(published_state(p) == before);
  CHECK(p.query_value(kInconsistentRows) == "0");

  // Fixed: B publishes whole, and the staged tables and shadows are gone.
  std::ifstream original(mart);
  std::stringstream text;
  text << original.rdbuf();
  p.write("models/marts/mart_top_genre_year.sql", text.str());
  auto passing = p.mrun(build_args(b));
  INFO(output_of(passing));
  CHECK(passing.exit_code == 0);
  CHECK(published_state(p) != before);
  CHECK(p.query_value(kInconsistentRows) == "0");
  CHECK(shadow_relations(p) == 0);
  CHECK(p.query_value("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                      " where n.nspname = 'raw' and c.relname like '%\\_\\_new\\_%'") == "0");
  // Built again unchanged: the load and every model are reused.
  auto again = p.mrun(build_args(b));
  INFO(output_of(again));
  CHECK(again.exit_code == 0);
  CHECK(contains(again.output, "every file is unchanged"));
  for (const char* built : {" OK table", " OK view", " OK incremental", " OK seed"}) CHECK(!contains(again.output, built));
}

// Builds the drops alternately (`publish` mode), 4 times, while a reader
// checks kInconsistentRows in repeatable-read transactions: (snapshots
// checked, snapshots that mixed two states).
static std::pair<int, int> read_during_builds(const ProjectFixture& p, const std::string (&drops)[2], const std::string& publish) {
  std::atomic<bool> stop{false};
  auto reader = std::async(std::launch::async, [&] {
    pqxx::connection conn(p.url());
    std::pair<int, int> checks_and_mixed{0, 0};
    while (!stop) {
      pqxx::work tx(conn, "reader");
      tx.exec("set transaction isolation level repeatable read");
      if (tx.exec1(kInconsistentRows)[0].as<long>() != 0) ++checks_and_mixed.second;
      tx.commit();
      ++checks_and_mixed.first;
    }
    return checks_and_mixed;
  });
  for (int n = 1; n <= 4; ++n) {
    std::vector<std::string> args = build_args(drops[n % 2]);
    args.insert(args.end(), {"--publish", publish});
    auto r = p.mrun(args);
    INFO(output_of(r));
    CHECK(r.exit_code == 0);
  }
  stop = true;
  return reader.get();
}

TEST_CASE("publish atomic: a reader in repeatable-read transactions never sees a mix of two drops") {
  ProjectFixture p("movies", "it_publish_consistency");
  std::string drops[] = {generate_drop(5, "consistency/A"), generate_drop(6, "consistency/B")};
  REQUIRE(p.mrun(build_args(drops[0])).exit_code == 0);

  SECTION("atomic: zero mixed snapshots") {
    auto [checks, mixed] = read_during_builds(p, drops, "atomic");
    WARN(checks << " snapshots checked, " << mixed << " mixed");
    CHECK(checks >= 200);
    CHECK(mixed == 0);
  }
  SECTION("per_node, the control: the same reader sees mixed snapshots") {
    auto [checks, mixed] = read_during_builds(p, drops, "per_node");
    WARN(checks << " snapshots checked, " << mixed << " mixed");
    CHECK(mixed > 0);
  }
}

TEST_CASE("publish atomic: mrun retry of a build that failed builds it whole, since it published nothing") {
  ProjectFixture p("jaffle", "it_publish_retry");
  const std::string good_sql = mrun::read_file(p.dir() + "/models/staging/stg_orders.sql");
  p.write("models/staging/stg_orders.sql", "select id as order_id, no_such_column from {{ ref('raw_orders') }}\n");
  auto failed = p.mrun({"build"});
  INFO(output_of(failed));
  REQUIRE(failed.exit_code == 1);
  CHECK(p.query_value("select to_regclass('public.stg_customers') is null") == "t");  // built, not published
  p.write("models/staging/stg_orders.sql", good_sql);
  auto retry = p.mrun({"retry"});
  INFO(output_of(retry));
  CHECK(retry.exit_code == 0);
  CHECK(contains(retry.output, "it published nothing"));
  CHECK(p.query_value("select count(*) > 0 from public.customers") == "t");
  CHECK(p.query_value("select count(*) > 0 from public.stg_customers") == "t");
}

namespace {

// Relations of the raw schema staged by a load that has not published them.
int staged_raw_tables(const ProjectFixture& p) {
  return std::stoi(p.query_value("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                 " where n.nspname = 'raw' and c.relname like '%\\_\\_new\\_%'"));
}

// Builds drop A, starts a build of drop B, and once `reached()` (polled
// every 5 ms for at most 30 s) interrupts it with `interrupt()`, and
// calls `after_exit()` once it has ended. Then the published state is A's,
// unchanged and consistent; the next build of B succeeds, publishes B and
// leaves no shadow relations or staged raw tables.
void check_interrupted_build(ProjectFixture& p, const std::string& name, const std::function<bool()>& reached,
                             const std::function<void(mrun::test::BackgroundMrun&)>& interrupt,
                             const std::function<void()>& after_exit = [] {}) {
  std::string drops[] = {generate_drop(5, name + "/A"), generate_drop(6, name + "/B")};
  REQUIRE(p.mrun(build_args(drops[0])).exit_code == 0);
  std::string before = published_state(p);
  auto build = p.start(build_args(drops[1]));
  bool was_reached = false;
  for (int i = 0; i < 6000 && !(was_reached = reached()); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(was_reached);
  interrupt(build);
  auto interrupted = build.wait();
  after_exit();
  INFO(output_of(interrupted));
  CHECK(interrupted.exit_code != 0);
  CHECK(published_state(p) == before);
  CHECK(p.query_value(kInconsistentRows) == "0");
  auto next = p.mrun(build_args(drops[1]));
  INFO(output_of(next));
  CHECK(next.exit_code == 0);
  CHECK(published_state(p) != before);
  CHECK(shadow_relations(p) == 0);
  CHECK(staged_raw_tables(p) == 0);
  CHECK(p.query_value(kInconsistentRows) == "0");
}

void kill_9(mrun::test::BackgroundMrun& build) { build.signal(SIGKILL); }

}  // namespace

TEST_CASE("publish atomic: kill -9 during the load leaves the published state intact, and the next run cleans up") {
  ProjectFixture p("movies", "it_publish_kill_load");
  check_interrupted_build(p, "kill_load", [&] { return staged_raw_tables(p) > 0; }, kill_9);
}

TEST_CASE("publish atomic: kill -9 during the model builds leaves the published state intact, and the next run cleans up") {
  ProjectFixture p("movies", "it_publish_kill");
  check_interrupted_build(p, "kill", [&] { return shadow_relations(p) >= 5; }, kill_9);
}

TEST_CASE("publish atomic: kill -9 during the publish leaves the published state intact, and the next run cleans up") {
  ProjectFixture p("movies", "it_publish_kill_publish");
  // A reader holds a mart: the publish takes its locks, finds this one held,
  // rolls back and polls; it is killed while it polls.
  std::unique_ptr<pqxx::connection> reader;
  std::unique_ptr<pqxx::work> reading;
  auto publishing = [&] {
    if (!reader) {
      if (shadow_relations(p) == 0) return false;  // the previous build is done; B has begun
      reader = std::make_unique<pqxx::connection>(p.url());
      reading = std::make_unique<pqxx::work>(*reader);
      reading->exec("select count(*) from marts.mart_genre_year");
    }
    return p.query_value("select count(*) from pg_stat_activity where datname = current_database()"
                         " and pid <> pg_backend_pid() and query ilike 'lock table%nowait%'") != "0";
  };
  check_interrupted_build(p, "kill_publish", publishing, [&](mrun::test::BackgroundMrun& build) {
    build.signal(SIGKILL);
    reading->abort();
  });
}

TEST_CASE("publish atomic: PostgreSQL stopped at once during a build leaves the published state intact") {
  ProjectFixture p("movies", "it_publish_pg_stop");
  p.use_embedded_cluster();
  // An immediate shutdown (SIGQUIT to the postmaster, as `pg_ctl stop -m
  // immediate`): no checkpoint; the server is started again (crash
  // recovery) as a user would, with `mrun pg start`.
  check_interrupted_build(
      p, "pg_stop", [&] { return shadow_relations(p) >= 5; },
      [&](mrun::test::BackgroundMrun&) {
        pid_t postmaster = p.embedded_postmaster_pid();
        REQUIRE(postmaster > 0);
        kill(postmaster, SIGQUIT);
      },
      [&] { p.use_embedded_cluster(); });
}
