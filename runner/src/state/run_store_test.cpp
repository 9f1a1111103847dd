#include "state/run_store.h"

#include <catch2/catch.hpp>

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
