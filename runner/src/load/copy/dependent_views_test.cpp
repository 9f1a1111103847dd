// Integration tests: the views over a raw table survive its reload (embedded
// test PostgreSQL).
#include "load/copy/dependent_views.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "load/load_progress.h"
#include "load/loader.h"
#include "load/archive/memory_dataset.h"
#include "load_specs.h"
#include "test_database.h"

using namespace mrun::load;
using mrun::test::load_specs;

namespace {

std::vector<TableSpec> films_spec(bool with_budget) {
  std::string yaml = R"(
sources:
  - name: raw
    tables:
      - name: films
        meta: {file: films.csv, max_reject_ratio: 0.5}
        columns:
          - {name: id, data_type: bigint, meta: {check: positive_int, required: true}}
          - {name: title, data_type: text}
)";
  if (with_budget) yaml += "          - {name: budget, data_type: bigint, meta: {check: int}}\n";
  return load_specs(yaml);
}

// films.csv with ids 1..records, titles <tag><id>, budgets id*10.
std::string films_csv(int records, const std::string& tag) {
  std::string csv = "id,title,budget\n";
  for (int i = 1; i <= records; ++i)
    csv += std::to_string(i) + "," + tag + std::to_string(i) + "," + std::to_string(i * 10) + "\n";
  return csv;
}

LoadOptions options(std::string load_id, bool split) {
  LoadOptions o;
  o.threads = 3;
  o.load_id = std::move(load_id);
  o.streams_per_large_file = split ? 2 : 1;
  if (split) {  // every file over two COPY streams, in blocks of a few rows
    o.split_min_bytes = 0;
    o.copy_block_bytes = 200;
  }
  return o;
}

void create_role(PgConnection& db, const std::string& role) {
  db.exec("do $$ begin create role " + role +
          "; exception when duplicate_object or unique_violation then null; end $$");
}

// Everything the load must keep of the views of schema staging: kind,
// options, comments, owner, privileges (view and column), indexes, query.
std::string staging_catalog(PgConnection& db) {
  return db.query_value(
      "select string_agg(concat_ws(' | ', c.relname, c.relkind, array_to_string(c.reloptions, ','),"
      " obj_description(c.oid, 'pg_class'), pg_get_userbyid(c.relowner), c.relacl::text,"
      " (select string_agg(a.attname || ':' || coalesce(col_description(c.oid, a.attnum), '-') || ':' ||"
      "  coalesce(a.attacl::text, '-'), ',' order by a.attnum) from pg_attribute a"
      "  where a.attrelid = c.oid and a.attnum > 0),"
      " (select string_agg(pg_get_indexdef(i.indexrelid), ',') from pg_index i where i.indrelid = c.oid),"
      " pg_get_viewdef(c.oid)), E'\\n' order by c.relname)"
      " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
      " where n.nspname = 'staging' and c.relkind in ('v', 'm')");
}

std::string staging_oids(PgConnection& db) {
  return db.query_value(
      "select string_agg(c.relname || '=' || c.oid, ',' order by c.relname) from pg_class c"
      " join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'staging' and c.relkind in ('v', 'm')");
}

// Views over raw.films and over each other, with the settings a reload must keep.
void create_staging(PgConnection& db) {
  create_role(db, "mrun_view_reader");
  create_role(db, "mrun_view_owner");
  db.exec(
      "create schema staging;"
      "create view staging.stg_films with (security_barrier) as"
      " select id, title, budget from raw.films;"
      "comment on view staging.stg_films is 'films, typed';"
      "comment on column staging.stg_films.title is 'the title';"
      "grant select on staging.stg_films to mrun_view_reader, mrun_view_owner;"
      "create view staging.big_films as select id, title, budget from staging.stg_films where budget > 15"
      " with cascaded check option;"
      "alter view staging.big_films owner to mrun_view_owner;"
      "grant select (title) on staging.big_films to mrun_view_reader;"
      "create materialized view staging.film_stats as select count(*) as n, max(title) as last_title"
      " from staging.big_films;"
      "create unique index film_stats_n on staging.film_stats (n);"
      "comment on materialized view staging.film_stats is 'counted';"
      "grant select on staging.film_stats to mrun_view_reader with grant option;"
      "revoke insert on staging.film_stats from current_user;"
      "create view staging.titles as select title from raw.films;");
}

// A fresh database `name` whose raw.films holds a first load of three films
// (over two COPY streams when `split`) with the staging views over it.
std::string staged_films_database(const std::string& name, bool split, const std::string& load_id) {
  std::string url = mrun::test::fresh_database(name);
  MemoryDataset first;
  first.contents["films.csv"] = films_csv(3, "a");
  REQUIRE(load_tables(url, first, films_spec(true), options(load_id, split)).ok());
  PgConnection db(url);
  create_staging(db);
  return url;
}

}  // namespace

TEST_CASE("dependent views: a reload keeps views, views over views and materialized views with their settings") {
  bool split = GENERATE(false, true);
  INFO((split ? "split load" : "single-stream load"));
  std::string url = staged_films_database(split ? "views_keep_split" : "views_keep", split, "test-views-1");
  auto specs = films_spec(true);
  PgConnection db(url);
  std::string catalog = staging_catalog(db);
  std::string oids = staging_oids(db);
  CHECK(db.query_value("select string_agg(title, ',' order by id) from staging.big_films") == "a2,a3");
  CHECK(db.query_value("select n || last_title from staging.film_stats") == "2a3");

  MemoryDataset second;
  second.contents["films.csv"] = films_csv(200, "b");
  LoadReport report = load_tables(url, second, specs, options("test-views-2", split));
  REQUIRE(report.tables.size() == 1);
  INFO(summary_line(report.tables[0]));
  REQUIRE(report.ok());
  CHECK(report.tables[0].warnings.empty());
  if (split)
    CHECK(db.query_value("select count(*) from pg_inherits where inhparent = 'raw.films'::regclass") == "2");

  // Dropped and created again (new oids), with everything as it was.
  CHECK(staging_oids(db) != oids);
  CHECK(db.query_value("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                       " where n.nspname = 'staging' and c.relkind in ('v', 'm')") == "4");
  CHECK(staging_catalog(db) == catalog);
  // ...which holds what was set up (so the comparison above compares something).
  CHECK(catalog.find("stg_films | v | security_barrier=true | films, typed | ") != std::string::npos);
  CHECK(catalog.find("title:the title:-") != std::string::npos);
  CHECK(catalog.find("big_films | v | check_option=cascaded | mrun_view_owner | ") != std::string::npos);
  CHECK(catalog.find("title:-:{mrun_view_reader=r/mrun_view_owner}") != std::string::npos);
  CHECK(catalog.find("film_stats | m | counted | ") != std::string::npos);
  CHECK(catalog.find("CREATE UNIQUE INDEX film_stats_n ON staging.film_stats USING btree (n)") != std::string::npos);
  CHECK(db.query_value("select has_table_privilege('mrun_view_reader', 'staging.stg_films', 'select')") == "t");
  std::string me = db.query_value("select current_user");  // a superuser: privileges show in the acl only
  CHECK(catalog.find("film_stats | m | counted | " + me + " | {" + me + "=rwdDxt/" + me + ",mrun_view_reader=r*/" +
                     me + "} | ") != std::string::npos);

  // They read the new rows, the materialized view included.
  CHECK(db.query_value("select count(*) from staging.stg_films") == "200");
  CHECK(db.query_value("select count(*) from staging.big_films where title like 'b%'") == "199");
  CHECK(db.query_value("select n || last_title from staging.film_stats") == "199b99");
  CHECK(db.query_value("select count(*) from staging.titles") == "200");
}

TEST_CASE("dependent views: a view the new file no longer fits is dropped with a warning, the load succeeds") {
  std::string url = mrun::test::fresh_database("views_lost");
  MemoryDataset first;
  first.contents["films.csv"] = films_csv(3, "a");
  REQUIRE(load_tables(url, first, films_spec(true), options("test-views-lost-1", false)).ok());
  PgConnection db(url);
  create_staging(db);

  MemoryDataset second;
  second.contents["films.csv"] = "id,title\n7,x\n8,y\n";
  LoadReport report = load_tables(url, second, films_spec(false), options("test-views-lost-2", false));
  REQUIRE(report.tables.size() == 1);
  const TableLoadResult& t = report.tables[0];
  INFO(summary_line(t));
  REQUIRE(t.ok);
  REQUIRE(t.warnings.size() == 3);
  CHECK(t.warnings[0] ==
        "view staging.stg_films over raw.films could not be recreated: column films.budget does not exist;"
        " `mrun run` rebuilds it if it is a model");
  CHECK(t.warnings[1] ==
        "view staging.big_films over raw.films could not be recreated: it reads view staging.stg_films,"
        " which could not be; `mrun run` rebuilds it if it is a model");
  CHECK(t.warnings[2] ==
        "materialized view staging.film_stats over raw.films could not be recreated: it reads view"
        " staging.big_films, which could not be; `mrun run` rebuilds it if it is a model");
  // The view that still fits is kept and reads the new rows; the others are gone.
  CHECK(db.query_value("select string_agg(title, ',' order by title) from staging.titles") == "x,y");
  CHECK(db.query_value("select string_agg(c.relname, ',') from pg_class c join pg_namespace n"
                       " on n.oid = c.relnamespace where n.nspname = 'staging'") == "titles");
  CHECK(db.query_value("select string_agg(id || title || _load_id, ',' order by id) from raw.films") ==
        "7xtest-views-lost-2,8ytest-views-lost-2");
}

TEST_CASE("dependent views: a failed load leaves the old table and its views untouched") {
  bool split = GENERATE(false, true);
  INFO((split ? "split load" : "single-stream load"));
  std::string url = staged_films_database(split ? "views_failed_split" : "views_failed", split, "test-views-failed-1");
  auto specs = films_spec(true);
  PgConnection db(url);
  std::string catalog = staging_catalog(db);
  std::string oids = staging_oids(db);

  MemoryDataset bad;
  bad.contents["films.csv"] = films_csv(100, "b") + "x,c,1\ny,d,2\n";
  for (int i = 0; i < 200; ++i) bad.contents["films.csv"] += "z,e,3\n";
  LoadReport report = load_tables(url, bad, specs, options("test-views-failed-2", split));
  REQUIRE_FALSE(report.ok());
  CHECK(report.tables[0].error.find("above max_reject_ratio 0.5") != std::string::npos);
  CHECK(report.tables[0].warnings.empty());
  CHECK(staging_oids(db) == oids);
  CHECK(staging_catalog(db) == catalog);
  CHECK(db.query_value("select string_agg(title, ',' order by id) from staging.big_films") == "a2,a3");
  CHECK(db.query_value("select n || last_title from staging.film_stats") == "2a3");
}

TEST_CASE("dependent views: two tables a view joins are swapped in one transaction once a reader lets go") {
  std::string url = mrun::test::fresh_database("views_two_tables");
  auto specs = load_specs(R"(
sources:
  - name: raw
    tables:
      - name: films
        meta: {file: films.csv}
        columns:
          - {name: id, data_type: bigint}
          - {name: title, data_type: text}
      - name: notes
        meta: {file: notes.csv}
        columns:
          - {name: id, data_type: bigint}
          - {name: note, data_type: text}
)");
  MemoryDataset first;
  first.contents["films.csv"] = "id,title\n1,a\n";
  first.contents["notes.csv"] = "id,note\n1,old\n";
  REQUIRE(load_tables(url, first, specs, options("test-views-two-1", false)).ok());
  PgConnection db(url);
  db.exec("create view public.noted as select f.title, n.note from raw.films f join raw.notes n using (id)");

  // A reader holds both tables, so the load's one publish transaction waits;
  // when the reader lets go, both swaps run in it, and the view, recreated
  // after each, reads both new tables.
  db.exec("begin; select * from public.noted");
  MemoryDataset second;
  second.contents["films.csv"] = "id,title\n1,b\n";
  second.contents["notes.csv"] = "id,note\n1,new\n";
  auto loading = std::async(std::launch::async, [&] {
    return load_tables(url, second, specs, options("test-views-two-2", false));
  });
  PgConnection watch(url);
  std::string waiting;
  for (int i = 0; i < 200 && waiting != "1"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    waiting = watch.query_value("select count(*) from pg_stat_activity where datname = current_database()"
                                " and wait_event_type = 'Lock'");
  }
  CHECK(waiting == "1");
  db.exec("commit");
  LoadReport report = loading.get();
  for (const auto& t : report.tables) {
    INFO(summary_line(t));
    CHECK(t.ok);
    CHECK(t.warnings.empty());
  }
  CHECK(db.query_value("select title || note from public.noted") == "bnew");
}

TEST_CASE("dependent views: a swap that fails after dropping the views gives them back") {
  std::string url = mrun::test::fresh_database("views_failed_swap");
  auto specs = films_spec(true);
  MemoryDataset dataset;
  dataset.contents["films.csv"] = films_csv(200, "a");
  REQUIRE(load_tables(url, dataset, specs, options("test-views-swap-1", false)).ok());
  PgConnection db(url);
  create_staging(db);
  std::string catalog = staging_catalog(db);
  std::string oids = staging_oids(db);

  // The split load's swap drops raw.films and its views, then fails renaming its second part.
  db.exec("create table raw.films__part2 (mine int)");
  LoadReport report = load_tables(url, dataset, specs, options("test-views-swap-2", true));
  REQUIRE_FALSE(report.ok());
  CHECK(report.tables[0].error.find("\"films__part2\" already exists") != std::string::npos);
  CHECK(staging_oids(db) == oids);
  CHECK(staging_catalog(db) == catalog);
  CHECK(db.query_value("select count(*) || max(title) from staging.big_films") == "199a99");
}

TEST_CASE("dependent views: odd names, check options, triggers and rules come back as they were") {
  std::string url = mrun::test::fresh_database("views_odd");
  auto specs = films_spec(true);
  MemoryDataset first;
  first.contents["films.csv"] = films_csv(3, "a");
  REQUIRE(load_tables(url, first, specs, options("test-views-odd-1", false)).ok());
  PgConnection db(url);
  create_role(db, "\"Mrun Reader\"");
  db.exec(
      "create schema \"Odd Schema\";"
      "create view \"Odd Schema\".\"it's \"\"v\"\"\" (\"Mixed Case\", budget) as select title, budget from raw.films"
      " with local check option;"
      "comment on view \"Odd Schema\".\"it's \"\"v\"\"\" is 'it''s odd';"
      "comment on column \"Odd Schema\".\"it's \"\"v\"\"\".\"Mixed Case\" is 'mixed';"
      "grant select, update (budget) on \"Odd Schema\".\"it's \"\"v\"\"\" to \"Mrun Reader\";"
      "grant select on \"Odd Schema\".\"it's \"\"v\"\"\" to public;"
      "create function \"Odd Schema\".no_insert() returns trigger language plpgsql as"
      " $$ begin return null; end $$;"
      "create trigger no_insert instead of insert on \"Odd Schema\".\"it's \"\"v\"\"\""
      " for each row execute function \"Odd Schema\".no_insert();"
      "create rule no_delete as on delete to \"Odd Schema\".\"it's \"\"v\"\"\" do instead nothing;");
  std::string describe =
      "select concat_ws(' | ', c.relname, array_to_string(c.reloptions, ','), obj_description(c.oid, 'pg_class'),"
      " c.relacl::text, (select string_agg(a.attname || ':' || coalesce(col_description(c.oid, a.attnum), '-') ||"
      "  ':' || coalesce(a.attacl::text, '-'), ',' order by a.attnum) from pg_attribute a"
      "  where a.attrelid = c.oid and a.attnum > 0),"
      " (select string_agg(pg_get_triggerdef(t.oid), ',') from pg_trigger t where t.tgrelid = c.oid),"
      " (select string_agg(pg_get_ruledef(r.oid), ',' order by r.rulename) from pg_rewrite r where r.ev_class = c.oid),"
      " c.oid) from pg_class c where c.relnamespace = '\"Odd Schema\"'::regnamespace and c.relkind = 'v'";
  std::string before = db.query_value(describe);
  INFO(before);
  CHECK(before.find("it's \"v\" | check_option=local | it's odd | {") != std::string::npos);
  CHECK(before.find(",\"\\\"Mrun Reader\\\"=r/") != std::string::npos);
  CHECK(before.find(",=r/") != std::string::npos);  // PUBLIC
  CHECK(before.find("Mixed Case:mixed:-,budget:-:{\"\\\"Mrun Reader\\\"=w/") != std::string::npos);
  CHECK(before.find("CREATE TRIGGER no_insert INSTEAD OF INSERT") != std::string::npos);
  CHECK(before.find("CREATE RULE no_delete AS") != std::string::npos);

  MemoryDataset second;
  second.contents["films.csv"] = films_csv(5, "b");
  LoadReport report = load_tables(url, second, specs, options("test-views-odd-2", false));
  REQUIRE(report.ok());
  CHECK(report.tables[0].warnings.empty());
  std::string after = db.query_value(describe);
  // Everything but the oid (last) is the same.
  CHECK(after.substr(0, after.rfind(" | ")) == before.substr(0, before.rfind(" | ")));
  CHECK(after.substr(after.rfind(" | ")) != before.substr(before.rfind(" | ")));
  CHECK(db.query_value("select string_agg(\"Mixed Case\", ',' order by budget)"
                       " from \"Odd Schema\".\"it's \"\"v\"\"\"") == "b1,b2,b3,b4,b5");
}
