#include "state/run_store.h"

#include <catch2/catch.hpp>
#include <utility>
#include <vector>

#include "db/connection.h"
#include "state/state_schema.h"
#include "test_database.h"
#include "util/error.h"

using namespace mrun::state;

namespace {

NodeRecord node(const std::string& id, const std::string& status, const std::string& fingerprint) {
  NodeRecord n;
  n.unique_id = id;
  n.resource_type = "model";
  n.name = id.substr(id.rfind('.') + 1);
  n.status = status;
  n.fingerprint = fingerprint;
  n.started_at = "2026-11-30T10:00:00Z";
  n.completed_at = "2026-11-30T10:00:01Z";
  return n;
}

RunStart run(const std::string& id, const std::string& as_of = "") {
  RunStart r;
  r.run_id = id;
  r.project = "p";
  r.command = "build";
  r.mrun_version = "test";
  r.as_of = as_of;
  return r;
}

}  // namespace

TEST_CASE("the state schema is created once, migrated in order, and refused when newer than mrun") {
  std::string url = mrun::test::fresh_database("state_schema_test");
  auto conn = mrun::db::connect(url);
  CHECK(ensure_state_schema(*conn, "st") == 0);
  CHECK(ensure_state_schema(*conn, "st") == latest_state_schema_version());
  {
    pqxx::work tx(*conn);
    CHECK(tx.exec1("select count(*) from st.schema_version")[0].as<int>() == latest_state_schema_version());
    CHECK(tx.exec1("select count(*) from information_schema.tables where table_schema = 'st'")[0].as<int>() == 5);
    tx.exec("insert into st.schema_version (version) values (999)");
    tx.commit();
  }
  try {
    ensure_state_schema(*conn, "st");
    FAIL("a newer schema was accepted");
  } catch (const mrun::RunError& e) {
    CHECK(std::string(e.what()).find("version 999, newer than this mrun knows") != std::string::npos);
  }
}

TEST_CASE("the run store remembers each node's latest result that ran, and the published loads") {
  std::string url = mrun::test::fresh_database("run_store_test");
  {
    auto conn = mrun::db::connect(url);
    pqxx::work tx(*conn);
    tx.exec("create schema s; create table s.m (x int); create table s.raw_t (x int)");
    tx.commit();
  }
  RunStore store(url, "mrun_state", "p");
  store.begin_run(run("r1", "2026-10-01"));
  NodeRecord m = node("model.p.m", "success", "fp1");
  m.relation = "\"s\".\"m\"";
  m.row_count = 7;
  m.rows_affected = 7;
  store.record_node("r1", m);
  store.record_node("r1", node("model.p.n", "success", "n1"));
  LoadRecord load;
  load.load_id = "L1";
  load.relation = "\"s\".\"raw_t\"";
  load.file = "t.csv";
  load.status = "loaded";
  load.committed = true;
  load.content_fingerprint = "c1";
  load.spec_fingerprint = "s1";
  load.rows_loaded = 3;
  store.record_load("r1", load);
  store.finish_run("r1", "success", 0);

  store.begin_run(run("r2", "2026-11-01"));
  NodeRecord skipped = node("model.p.m", "skipped", "");
  skipped.completed_at = "2026-11-30T11:00:00Z";
  store.record_node("r2", skipped);  // a skipped node leaves the result before it
  NodeRecord failed = node("model.p.n", "error", "n2");
  failed.completed_at = "2026-11-30T11:00:00Z";
  store.record_node("r2", failed);
  store.finish_run("r2", "failed", 1);

  auto builds = store.previous_builds();
  REQUIRE(builds.count("model.p.m"));
  CHECK(builds["model.p.m"].run_id == "r1");
  CHECK(builds["model.p.m"].fingerprint == "fp1");
  CHECK(builds["model.p.m"].row_count == 7);
  CHECK(builds["model.p.m"].relation_oid == store.relation_oids({"\"s\".\"m\""})["\"s\".\"m\""]);
  CHECK(builds["model.p.n"].status == "error");  // the latest that ran, not the latest success
  auto loads = store.previous_loads();
  REQUIRE(loads.count("\"s\".\"raw_t\""));
  CHECK(loads["\"s\".\"raw_t\""].load_id == "L1");
  CHECK(loads["\"s\".\"raw_t\""].relation_oid.has_value());
  // Only successful runs publish a drop date.
  CHECK(store.newest_published_as_of() == "2026-10-01");
  // Another project's runs are not this one's.
  RunStore other(url, "mrun_state", "q");
  CHECK(other.previous_builds().empty());
  CHECK(other.relation_oids({"\"s\".\"m\"", "\"s\".\"gone\""}).size() == 1);
}

TEST_CASE("row count history holds the successful runs that counted each relation, newest first, and the load numbers") {
  std::string url = mrun::test::fresh_database("run_store_history_test");
  RunStore store(url, "mrun_state", "p");
  const std::string rel = "\"s\".\"m\"";
  // r1..r5: counts 10, 20, 30 (failed), 40, 50 (still running); r3 and r5 are no history.
  const std::vector<std::pair<std::string, std::string>> runs = {
      {"r1", "success"}, {"r2", "success"}, {"r3", "failed"}, {"r4", "success"}, {"r5", ""}};
  for (size_t i = 0; i < runs.size(); ++i) {
    store.begin_run(run(runs[i].first));
    NodeRecord m = node("model.p.m", "success", "fp");
    m.relation = rel;
    m.row_count = static_cast<int64_t>(10 * (i + 1));
    store.record_node(runs[i].first, m);
    if (!runs[i].second.empty()) store.finish_run(runs[i].first, runs[i].second, runs[i].second == "success" ? 0 : 1);
  }
  auto history = store.row_count_history(10);
  REQUIRE(history.count(rel));
  const auto& counts = history[rel];
  REQUIRE(counts.size() == 3);
  CHECK(counts[0].run_id == "r4");
  CHECK(counts[0].row_count == 40);
  CHECK(counts[1].row_count == 20);
  CHECK(counts[2].row_count == 10);
  CHECK(counts[0].date.size() == 10);  // YYYY-MM-DD
  auto newest_two = store.row_count_history(2)[rel];
  REQUIRE(newest_two.size() == 2);
  CHECK(newest_two[1].run_id == "r2");

  // The loaded file's numbers stay behind the table when later loads find it unchanged.
  LoadRecord loaded;
  loaded.load_id = "L1";
  loaded.relation = "\"raw\".\"t\"";
  loaded.file = "t.csv";
  loaded.status = "loaded";
  loaded.committed = true;
  loaded.rows_read = 100;
  loaded.rows_loaded = 97;
  loaded.rows_rejected = 3;
  store.record_load("r1", loaded);
  LoadRecord unchanged = loaded;
  unchanged.status = "unchanged";
  unchanged.rows_read.reset();
  unchanged.rows_rejected.reset();
  store.record_load("r2", unchanged);
  LoadRecord failed = loaded;
  failed.load_id = "L3";
  failed.committed = false;
  failed.rows_read = 100;
  failed.rows_rejected = 90;
  store.record_load("r3", failed);  // not published: the table is still L1's
  auto loads = store.published_load_numbers("");
  REQUIRE(loads.count("\"raw\".\"t\""));
  CHECK(loads["\"raw\".\"t\""].load_id == "L1");
  CHECK(loads["\"raw\".\"t\""].run_id == "r1");
  CHECK(loads["\"raw\".\"t\""].rows_read == 100);
  CHECK(loads["\"raw\".\"t\""].rows_rejected == 3);

  RunStore other(url, "mrun_state", "q");
  CHECK(other.row_count_history(10).empty());
  CHECK(other.published_load_numbers("").empty());
}
