// Integration tests: loads into the embedded test PostgreSQL.
#include "load/loader.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "load/archive/directory_dataset.h"
#include "load/copy/load_sql.h"
#include "load/load_progress.h"
#include "load/archive/memory_dataset.h"
#include "load/copy/reject_log.h"
#include "load_specs.h"
#include "test_database.h"

using namespace mrun::load;
using mrun::test::load_specs;

namespace {

// The real sample of The Movies Dataset, kept in the repository as test data.
std::string real_sample_dir() { return mrun::test::source_dir() + "/runner/tests/data/real-sample"; }

std::vector<TableSpec> project_specs(const std::set<std::string>& files) {
  std::vector<TableSpec> out;
  for (auto& t : mrun::test::load_specs_of_file(mrun::test::source_dir() + "/models/sources.yml"))
    if (files.count(t.load.file)) out.push_back(t);
  return out;
}


long long count(PgConnection& c, const std::string& sql) { return std::stoll(c.query_value(sql)); }

// Runs a Python snippet and returns its output (an independent reference reader).
std::string python(const std::string& code) {
  std::string cmd = "/usr/bin/python3 -c '" + code + "'";
  std::FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  REQUIRE(pclose(p) == 0);
  return out;
}

LoadOptions quiet(std::string load_id) {
  LoadOptions o;
  o.threads = 3;
  o.load_id = std::move(load_id);
  return o;
}

// Every table: read = loaded + rejected, the table holds `loaded` rows of
// this load, load_rejects holds `rejected` explained rows of this load.
void check_accounting(PgConnection& db, const LoadReport& report) {
  for (const auto& t : report.tables) {
    INFO(summary_line(t));
    CHECK(t.read == t.loaded + t.rejected);
    std::string lit = "'" + report.load_id + "'";
    if (t.ok) CHECK(count(db, "select count(*) from " + t.table + " where _load_id = " + lit) == t.loaded);
    CHECK(count(db, "select count(*) from raw.load_rejects where load_id = " + lit + " and file_name = '" + t.file +
                        "'") == t.rejected);
    CHECK(count(db, "select count(*) from raw.load_rejects where load_id = " + lit + " and file_name = '" + t.file +
                        "' and (reason = '' or line_number < 1 or record is null)") == 0);
  }
}

std::string small_spec(const std::string& max_reject_ratio) {
  return R"(
sources:
  - name: raw
    tables:
      - name: films
        meta: {file: films.csv, max_reject_ratio: )" + max_reject_ratio + R"(}
        columns:
          - {name: id, data_type: bigint, meta: {check: positive_int, required: true}}
          - {name: title, data_type: text}
          - {name: genres, data_type: jsonb, meta: {transform: python_literal}}
          - {name: budget, data_type: bigint, meta: {check: int}}
          - {name: rating, data_type: 'numeric(2,1)', meta: {check: numeric}}
)";
}

// Options that split every file over two COPY streams, dealing blocks of a
// few rows each (the real threshold and block size are for files of 100s of MB).
LoadOptions split(std::string load_id) {
  LoadOptions o = quiet(std::move(load_id));
  o.streams_per_large_file = 2;
  o.split_min_bytes = 0;
  o.copy_block_bytes = 200;
  return o;
}

LoadOptions single(std::string load_id) {
  LoadOptions o = quiet(std::move(load_id));
  o.streams_per_large_file = 1;
  return o;
}

// A films.csv of `records` records, every 50th with a bad id, some with a
// quoted line break (so records and lines differ); `tag` marks the titles.
std::string films_csv(int records, const std::string& tag) {
  std::string csv = "id,title,genres,budget,rating\n";
  for (int i = 1; i <= records; ++i) {
    std::string id = i % 50 == 0 ? "x" + std::to_string(i) : std::to_string(i);
    std::string title = i % 7 == 0 ? "\"" + tag + " " + std::to_string(i) + "\nsecond line\"" : tag + std::to_string(i);
    csv += id + "," + title + ",\"[{'id': " + std::to_string(i % 20) + "}]\"," + std::to_string(i * 10) + ",4.5\n";
  }
  return csv;
}

// Every row of raw.films with every column, in file order.
std::string films_content(PgConnection& db) {
  return db.query_value(
      "select string_agg(concat_ws('|', id, title, genres, budget, rating, _line, _load_id), E'\\n' order by _line) "
      "from raw.films");
}

std::string rejects_content(PgConnection& db) {
  return db.query_value(
      "select string_agg(concat_ws('|', load_id, file_name, line_number, reason, record), E'\\n' order by line_number) "
      "from raw.load_rejects");
}

// The tables of schema raw, sorted and comma-separated.
std::string raw_tables(PgConnection& db) {
  return db.query_value("select string_agg(tablename, ',' order by tablename) from pg_tables where schemaname = 'raw'");
}

// The children of raw.films with their row counts ("films__part1:12,...").
std::string films_children(PgConnection& db) {
  return db.query_value(
      "select string_agg(c.relname || ':' || (xpath('/row/n/text()', query_to_xml("
      "'select count(*) as n from only raw.' || quote_ident(c.relname), false, true, '')))[1]::text, ',' "
      "order by c.relname) from pg_inherits i join pg_class c on c.oid = i.inhrelid "
      "where i.inhparent = 'raw.films'::regclass");
}

// Loads the same records into two tables of `columns` (YAML list items):
// `typed`, from v.csv, whose types all go over binary COPY, and `mixed`, from
// w.csv, with an extra varchar(20) column that sends the table as text COPY
// (PostgreSQL parses every value). Checks the accounting of both.
LoadReport load_typed_and_mixed(const std::string& url, const std::string& columns, const std::string& header,
                                const std::vector<std::string>& records, const std::string& load_id) {
  auto specs = load_specs("sources:\n  - name: raw\n    tables:\n      - name: typed\n        meta: {file: v.csv}\n"
                          "        columns:" + columns +
                          "      - name: mixed\n        meta: {file: w.csv}\n        columns:" + columns +
                          "          - {name: v, data_type: 'varchar(20)'}\n");
  MemoryDataset dataset;
  dataset.contents["v.csv"] = header + "\n";
  dataset.contents["w.csv"] = header + ",v\n";
  for (const auto& r : records) {
    dataset.contents["v.csv"] += r + "\n";
    dataset.contents["w.csv"] += r + ",v\n";
  }
  LoadReport report = load_tables(url, dataset, specs, quiet(load_id));
  PgConnection db(url);
  check_accounting(db, report);
  return report;
}

// The rows of both tables of load_typed_and_mixed, `columns` joined by '|',
// rows by ';' in line order: checks that they are equal, returns them.
std::string same_rows_in_both(PgConnection& db, const std::string& columns) {
  std::string select = "select string_agg(concat_ws('|', " + columns + "), ';' order by _line) from raw.";
  std::string typed = db.query_value(select + "typed");
  CHECK(typed == db.query_value(select + "mixed"));
  return typed;
}

// The rejects of both files of load_typed_and_mixed ("line: reason; ..."):
// checks that they are equal, returns them.
std::string same_rejects_in_both(PgConnection& db) {
  std::string select = "select string_agg(line_number || ': ' || reason, '; ' order by line_number) "
                       "from raw.load_rejects where file_name = ";
  std::string typed = db.query_value(select + "'v.csv'");
  CHECK(typed == db.query_value(select + "'w.csv'"));
  return typed;
}

}  // namespace

TEST_CASE("load: the real sample of The Movies Dataset") {
  std::string url = mrun::test::fresh_database("load_real_sample");
  DirectoryDataset dataset(real_sample_dir());
  auto specs = project_specs({"movies_metadata.csv", "credits.csv", "keywords.csv", "links.csv"});
  REQUIRE(specs.size() == 4);
  LoadReport report = load_tables(url, dataset, specs, quiet("test-real-sample-1"));
  PgConnection db(url);
  check_accounting(db, report);

  // Record counts from Python's csv module, read independently.
  std::istringstream counts(python(
      "import csv,sys\n"
      "d=\"" + real_sample_dir() + "\"\n"
      "for f in [\"movies_metadata.csv\",\"credits.csv\",\"keywords.csv\",\"links.csv\"]:\n"
      "  rows=list(csv.reader(open(d+\"/\"+f,newline=\"\",encoding=\"utf-8\")))\n"
      "  print(f, len(rows)-1, sum(1 for r in rows[1:] if r[-1]==\"\"))\n"));
  std::map<std::string, std::pair<long long, long long>> expected;
  std::string file;
  long long records, last_empty;
  while (counts >> file >> records >> last_empty) expected[file] = {records, last_empty};
  REQUIRE(expected.size() == 4);
  for (const auto& t : report.tables) {
    INFO(summary_line(t));
    CHECK(t.ok);
    CHECK(t.rejected == 0);  // the real sample is clean at this size
    CHECK(t.read == expected[t.file].first);
  }
  // links.csv: CRLF line ends, empty tmdbId is NULL.
  CHECK(count(db, "select count(*) from raw.links where \"tmdbId\" is null") == expected["links.csv"].second);
  CHECK(db.query_value("select \"imdbId\" from raw.links where \"movieId\" = 1") == "0114709");
  // The duplicated id is loaded twice, from different lines (staging dedups).
  CHECK(count(db, "select count(*) from raw.movies_metadata where id = 105045") == 2);
  CHECK(count(db, "select count(distinct _line) from raw.movies_metadata where id = 105045") == 2);
  // Python literals arrive as jsonb, exactly.
  CHECK(db.query_value("select genres->0->>'name' from raw.movies_metadata where id = 862") == "Animation");
  CHECK(db.query_value("select belongs_to_collection->>'name' from raw.movies_metadata where id = 862") ==
        "Toy Story Collection");
  CHECK(count(db, "select count(*) from raw.movies_metadata where production_companies::text like '%''%'") > 0);
  CHECK(count(db, "select count(*) from raw.credits where jsonb_typeof(\"cast\") = 'array'") ==
        expected["credits.csv"].first);
  // _line is the line where the record starts: line 2 is the first record.
  CHECK(count(db, "select min(_line) from raw.movies_metadata") == 2);
  CHECK(count(db, "select max(_line) from raw.links") == expected["links.csv"].first + 1);
}

TEST_CASE("load: dirty records become explained rejects, read = loaded + rejected") {
  std::string url = mrun::test::fresh_database("load_dirty");
  MemoryDataset dataset;
  dataset.contents["films.csv"] =
      "id,title,genres,budget,rating\r\n"
      "1,Good,\"[{'id': 16, 'name': \"\"Pete's\"\"}]\",100,4.5\r\n"  // line 2: good
      "2,\"Multi\nline\",[],,\r\n"                                  // lines 3-4: good, NULLs
      "x3,Bad id,[],1,1.0\r\n"                                      // line 5
      "4,Bad budget,[],1.5,1.0\r\n"                                 // line 6
      "5,Bad literal,[{'a': 1],1,1.0\r\n"                           // line 7
      "6,Too,many,fields,1,1.0\r\n"                                 // line 8
      ",No id,[],1,1.0\r\n"                                         // line 9
      "8,\"junk\"after,[],1,1.0\r\n"                                // line 10
      "9,Bad \xC3(utf8,[],1,1.0\r\n"                                // line 11
      "10,Rating,[],1,99.5\r\n"                                     // line 12
      "11,\"\",{'k': None},-5,0.5\r\n"                              // line 13: good, "" title
      "13,Last,\"(1, 2)\",7,2.0\r\n"                                // line 14: good
      "12,\"never closed,[],1,1.0";                                 // line 15, no line end
  LoadReport report = load_tables(url, dataset, load_specs(small_spec("0.9")), quiet("test-dirty-1"));
  REQUIRE(report.tables.size() == 1);
  const TableLoadResult& t = report.tables[0];
  INFO(summary_line(t));
  CHECK(t.ok);
  CHECK(t.read == 13);
  CHECK(t.loaded == 4);
  CHECK(t.rejected == 9);
  PgConnection db(url);
  check_accounting(db, report);
  std::string reasons = db.query_value(
      "select string_agg(line_number || ': ' || reason, E'\\n' order by line_number) from raw.load_rejects");
  CHECK(reasons ==
        "5: column id: not an integer: 'x3'\n"
        "6: column budget: not an integer: '1.5'\n"
        "7: column genres: not a Python literal (offset 8: expected ',' or '}'): '[{'a': 1]'\n"
        "8: expected 5 fields, found 6\n"
        "9: column id: required value is empty\n"
        "10: junk after closing quote at line 10 column 9\n"
        "11: invalid UTF-8 at line 11 column 7\n"
        "12: column rating: number too large for numeric(2,1): '99.5'\n"
        "15: unterminated quoted field opened at line 15 column 4");
  CHECK(db.query_value("select record from raw.load_rejects where line_number = 11") == "9,Bad \xEF\xBF\xBD(utf8,[],1,1.0");
  CHECK(db.query_value("select record from raw.load_rejects where line_number = 8") == "6,Too,many,fields,1,1.0");
  CHECK(db.query_value("select genres::text from raw.films where id = 1") == R"([{"id": 16, "name": "Pete's"}])");
  CHECK(db.query_value("select title from raw.films where id = 2") == "Multi\nline");
  CHECK(db.query_value("select _line from raw.films where id = 2") == "3");
  CHECK(db.query_value("select coalesce(budget::text, 'NULL') || coalesce(rating::text, 'NULL') from raw.films where id = 2") ==
        "NULLNULL");
  CHECK(db.query_value("select '[' || title || ']' from raw.films where id = 11") == "[]");  // "" is not NULL in text
  CHECK(db.query_value("select genres::text from raw.films where id = 13") == "[1, 2]");
  CHECK(db.query_value("select _line from raw.films where id = 13") == "14");
}

TEST_CASE("load: a huge rejected field is kept whole in the record, its reason is cut") {
  std::string url = mrun::test::fresh_database("load_huge_reject");
  MemoryDataset dataset;
  std::string huge(8u << 20, 'x');  // an 8 MB name: the Python-literal error quotes it
  dataset.contents["films.csv"] = "id,title,genres,budget,rating\n1,Huge,\"[" + huge + "]\",1,1.0\n2,Fine,[],1,1.0\n";
  LoadReport report = load_tables(url, dataset, load_specs(small_spec("0.9")), quiet("test-huge-1"));
  REQUIRE(report.tables.size() == 1);
  CHECK(report.tables[0].rejected == 1);
  PgConnection db(url);
  check_accounting(db, report);
  CHECK(db.query_value("select length(record) > 8388608 from raw.load_rejects") == "t");
  std::string reason = db.query_value("select reason from raw.load_rejects");
  CHECK(reason.size() <= RejectLog::kMaxReasonBytes + 3);
  CHECK(reason.rfind("column genres: not a Python literal (offset 1: unexpected name 'xxx", 0) == 0);
  CHECK(reason.ends_with("..."));
}

TEST_CASE("load: tables are replaced atomically, a failed load keeps the previous data") {
  std::string url = mrun::test::fresh_database("load_atomic");
  auto specs = load_specs(small_spec("0.5"));
  MemoryDataset first;
  first.contents["films.csv"] = "id,title,genres,budget,rating\n1,A,[],1,1.0\n2,B,[],2,2.0\n3,C,[],3,3.0\n";
  LoadReport one = load_tables(url, first, specs, quiet("test-atomic-1"));
  REQUIRE(one.ok());
  PgConnection db(url);
  db.exec("create view public.films_view as select id from raw.films");  // dependents do not block a replace

  SECTION("too many rejects: the load fails, the first load's rows stay, its rejects are recorded") {
    MemoryDataset bad;
    bad.contents["films.csv"] = "id,title,genres,budget,rating\n1,A,[],1,1.0\nx,B,[],2,2.0\ny,C,[],3,3.0\n";
    LoadReport two = load_tables(url, bad, specs, quiet("test-atomic-2"));
    REQUIRE(two.tables.size() == 1);
    CHECK_FALSE(two.ok());
    CHECK(two.tables[0].error == "films.csv: 2 of 3 records rejected (66.67%), above max_reject_ratio 0.5");
    CHECK(summary_line(two.tables[0]).find("load films.csv: FAILED films.csv: 2 of 3 records rejected (66.67%), above "
                                          "max_reject_ratio 0.5 (read 3, 1 good, 2 rejected, nothing loaded, in ") == 0);
    check_accounting(db, two);
    CHECK(count(db, "select count(*) from raw.films") == 3);
    CHECK(count(db, "select count(*) from raw.films where _load_id = 'test-atomic-1'") == 3);
    CHECK(count(db, "select count(*) from pg_tables where schemaname = 'raw' and tablename like 'films__new%'") == 0);
  }
  SECTION("a header that does not match fails the load and keeps the old table") {
    MemoryDataset renamed;
    renamed.contents["films.csv"] = "id,name,genres,budget,rating\n9,Z,[],1,1.0\n";
    LoadReport two = load_tables(url, renamed, specs, quiet("test-atomic-3"));
    CHECK_FALSE(two.ok());
    CHECK(two.tables[0].error.find("films.csv: column 'title' (declared at test.yml:") == 0);
    CHECK(count(db, "select count(*) from raw.films where _load_id = 'test-atomic-1'") == 3);
  }
  SECTION("a missing file fails that table only") {
    MemoryDataset empty;
    LoadReport two = load_tables(url, empty, specs, quiet("test-atomic-4"));
    CHECK_FALSE(two.ok());
    CHECK(two.tables[0].error == "no file films.csv in memory dataset");
    CHECK(count(db, "select count(*) from raw.films") == 3);
  }
  SECTION("a good second load replaces the rows") {
    MemoryDataset second;
    second.contents["films.csv"] = "id,title,genres,budget,rating\n7,G,[],1,1.0\n";
    LoadReport two = load_tables(url, second, specs, quiet("test-atomic-5"));
    REQUIRE(two.ok());
    CHECK(db.query_value("select string_agg(id || '/' || _load_id, ',') from raw.films") == "7/test-atomic-5");
  }
}

TEST_CASE("load: binary and text COPY store the same values") {
  std::string url = mrun::test::fresh_database("load_formats");
  std::string columns = R"(
          - {name: n, data_type: 'numeric(12,4)', meta: {check: numeric}}
          - {name: f, data_type: double precision}
          - {name: r, data_type: real}
          - {name: d, data_type: date}
          - {name: b, data_type: boolean}
          - {name: s, data_type: smallint}
          - {name: t, data_type: text}
          - {name: j, data_type: jsonb, meta: {transform: python_literal}}
)";
  std::vector<std::string> records = {
      "0.05,1e-3,2.5,2000-01-01,t,-7,tab\there,\"{'a': [1, 2.50]}\"",
      "-12345678.5,-0.0,NaN,1969-12-31,no,32767,back\\slash,None",
      "1e5,Infinity,-1,2024-02-29,1,0,\"new\nline\",'x'",
      "0,12345.678901234,3.25,0001-01-01,off,,\"\",[]",
      ",,,,,,,"};
  LoadReport report = load_typed_and_mixed(url, columns, "n,f,r,d,b,s,t,j", records, "test-formats-1");
  REQUIRE(report.ok());
  PgConnection db(url);
  CHECK(same_rows_in_both(db, "n, f, r, d, b, s, t, j") ==
        "0.0500|0.001|2.5|2000-01-01|t|-7|tab\there|{\"a\": [1, 2.50]};"
        "-12345678.5000|-0|NaN|1969-12-31|f|32767|back\\slash|null;"  // None is JSON null, not SQL NULL
        "100000.0000|Infinity|-1|2024-02-29|t|0|new\nline|\"x\";"
        "0.0000|12345.678901234|3.25|0001-01-01|f||[];"
        "");
}

namespace {

// A random number as a CSV might hold one: signs, leading and trailing
// zeros, points, exponents, long digit runs and, one time in `junk_one_in`,
// a stray character. At most `whole_digits` digits before the point.
std::string random_number_text(std::mt19937& rng, int whole_digits, int junk_one_in) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto digits = [&](int n) {
    std::string d;
    for (int k = 0; k < n; ++k) d += static_cast<char>('0' + (pick(3) == 0 ? 0 : pick(10)));
    return d;
  };
  std::string s = pick(4) == 0 ? (pick(2) ? "-" : "+") : "";
  s += digits(pick(whole_digits + 1));
  if (pick(2)) s += "." + digits(pick(12));
  if (pick(6) == 0) s += std::string(pick(2) ? "e" : "E") + (pick(2) ? "-" : "") + std::to_string(pick(4));
  if (pick(junk_one_in) == 0) s.insert(static_cast<size_t>(pick(static_cast<int>(s.size()) + 1)), pick(2) ? "x" : " ");
  return s;
}

// A random integer of up to `bits` bits, either sign; one time in five a random number text instead.
std::string random_integer_text(std::mt19937_64& rng, int bits) {
  if (rng() % 5 == 0) {
    std::mt19937 small(static_cast<unsigned>(rng()));
    return random_number_text(small, 20, 10);
  }
  int64_t v = static_cast<int64_t>(rng() >> (64 - bits));
  return std::to_string(rng() % 2 ? v : -v);
}

}  // namespace

TEST_CASE("load: binary encoding of random numbers stores what PostgreSQL parses from text") {
  std::string url = mrun::test::fresh_database("load_random_numbers");
  std::string columns = R"(
          - {name: n, data_type: numeric, meta: {check: numeric}}
          - {name: p, data_type: 'numeric(8,3)', meta: {check: numeric}}
          - {name: i, data_type: integer, meta: {check: positive_int}}
          - {name: b, data_type: bigint, meta: {check: int}}
          - {name: s, data_type: smallint}
)";
  std::mt19937 rng(20261130);
  std::mt19937_64 rng64(20261130);
  std::vector<std::string> records;
  for (int r = 0; r < 4000; ++r) {
    // Around the limits: numeric(8,3) holds 5 whole digits, smallint 15 bits, integer 31.
    records.push_back(random_number_text(rng, 20, 200) + "," + random_number_text(rng, 5, 200) + "," +
                      random_integer_text(rng64, 1 + static_cast<int>(rng() % 32)) + "," +
                      random_integer_text(rng64, 1 + static_cast<int>(rng() % 64)) + "," +
                      random_integer_text(rng64, 1 + static_cast<int>(rng() % 17)));
  }
  LoadReport report = load_typed_and_mixed(url, columns, "n,p,i,b,s", records, "test-random-numbers");
  REQUIRE(report.ok());
  PgConnection db(url);
  for (const auto& t : report.tables) {
    CHECK(t.loaded > 500);  // the generator makes mostly good values...
    CHECK(t.rejected > 100);  // ...and enough bad ones
  }
  same_rows_in_both(db, "_line, n, p, i, b, s");
  same_rejects_in_both(db);
}

TEST_CASE("load: integers written as whole decimals (a pandas re-save) are stored as integers in integer columns") {
  std::string url = mrun::test::fresh_database("load_integral_decimals");
  std::string columns = R"(
          - {name: id, data_type: integer, meta: {check: positive_int}}
          - {name: revenue, data_type: bigint, meta: {check: int}}
          - {name: n, data_type: 'numeric(12,2)', meta: {check: int}}
          - {name: t, data_type: text, meta: {check: int}}
)";
  std::vector<std::string> records = {
      "5415.0,11990401.0,7.0,1e3",       // The Movies Dataset after pandas
      "1.0e3,-0.0,-2.50e1,0005.000",     // exponents, a negative zero, leading zeros
      "1.5,1,1,1",                       // a fraction: rejected
      "1,1e-1,1,1",                      // a fraction by its exponent: rejected
      "3e9,1,1,1",                       // beyond integer: rejected
      "1,9.3e18,1,1",                    // beyond bigint: rejected
      "0.0,1,1,1",                       // not positive: rejected
      "2147483647.000,-9223372036854775808.0,1,1e1"};
  LoadReport report = load_typed_and_mixed(url, columns, "id,revenue,n,t", records, "test-integral-decimals");
  REQUIRE(report.ok());
  PgConnection db(url);
  // Binary and text COPY alike; the text column keeps what the file says.
  CHECK(same_rows_in_both(db, "_line, id, revenue, n, t") ==
        "2|5415|11990401|7.00|1e3;3|1000|0|-25.00|0005.000;9|2147483647|-9223372036854775808|1.00|1e1");
  CHECK(same_rejects_in_both(db) ==
        "4: column id: not an integer: '1.5'; 5: column revenue: not an integer: '1e-1'; "
        "6: column id: integer out of range: '3e9'; 7: column revenue: integer out of range: '9.3e18'; "
        "8: column id: not a positive integer: '0.0'");
}

TEST_CASE("load: a file split over two COPY streams stores exactly what one stream stores") {
  auto specs = load_specs(small_spec("0.5"));
  MemoryDataset dataset;
  dataset.contents["films.csv"] = films_csv(1000, "a");

  std::string one_url = mrun::test::fresh_database("load_split_reference");
  LoadReport one = load_tables(one_url, dataset, specs, single("test-split-1"));
  REQUIRE(one.ok());
  std::string url = mrun::test::fresh_database("load_split");
  LoadReport two = load_tables(url, dataset, specs, split("test-split-1"));
  REQUIRE(two.ok());
  PgConnection reference(one_url);
  PgConnection db(url);
  check_accounting(db, two);
  CHECK(two.tables[0].read == 1000);
  CHECK(two.tables[0].rejected == 20);
  CHECK(two.tables[0].loaded == 980);
  CHECK(two.tables[0].read == one.tables[0].read);
  CHECK(two.tables[0].rejected == one.tables[0].rejected);

  std::string content = films_content(db);
  CHECK(content == films_content(reference));
  CHECK(rejects_content(db) == rejects_content(reference));
  CHECK(count(db, "select count(*) from raw.films") == 980);
  CHECK(count(db, "select count(distinct _line) from raw.films") == 980);
  CHECK(content.find("a 7\nsecond line|") != std::string::npos);
  // Two children hold the rows (both streams got blocks), the parent none itself.
  std::string children = films_children(db);
  INFO(children);
  CHECK(children.rfind("films__part1:", 0) == 0);
  CHECK(children.find(",films__part2:") != std::string::npos);
  CHECK(children.find(":0") == std::string::npos);
  CHECK(count(db, "select count(*) from only raw.films") == 0);
  CHECK(raw_tables(db) == "films,films__part1,films__part2,load_rejects");
  CHECK(raw_tables(reference) == "films,load_rejects");
  // A view over the parent reads every child, as the staging views do.
  db.exec("create view public.films_view as select id, title from raw.films where budget > 5000");
  CHECK(count(db, "select count(*) from public.films_view") == 490);

  SECTION("a reload replaces the rows and the children") {
    MemoryDataset second;
    second.contents["films.csv"] = films_csv(300, "b");
    LoadReport three = load_tables(url, second, specs, split("test-split-2"));
    REQUIRE(three.ok());
    check_accounting(db, three);
    CHECK(count(db, "select count(*) from raw.films") == 294);
    CHECK(count(db, "select count(*) from raw.films where _load_id <> 'test-split-2' or title like 'a%'") == 0);
    CHECK(count(db, "select count(distinct _line) from raw.films") == 294);
    CHECK(raw_tables(db) == "films,films__part1,films__part2,load_rejects");
    CHECK(films_children(db).find(":0") == std::string::npos);
  }
  SECTION("a single-stream reload leaves one plain table") {
    LoadReport three = load_tables(url, dataset, specs, single("test-split-3"));
    REQUIRE(three.ok());
    CHECK(count(db, "select count(*) from raw.films") == 980);
    CHECK(raw_tables(db) == "films,load_rejects");
    CHECK(films_children(db) == "");
  }
  SECTION("too many rejects: the previous table, its children and rows stay; no new child is left") {
    MemoryDataset bad;
    bad.contents["films.csv"] = "id,title,genres,budget,rating\nx,A,[],1,1.0\n";
    for (int i = 0; i < 100; ++i) bad.contents["films.csv"] += "x,B,[],2,2.0\n1,C,[],3,3.0\n";
    LoadReport three = load_tables(url, bad, specs, split("test-split-4"));
    REQUIRE_FALSE(three.ok());
    CHECK(three.tables[0].error == "films.csv: 101 of 201 records rejected (50.25%), above max_reject_ratio 0.5");
    check_accounting(db, three);
    CHECK(films_content(db) == content);
    CHECK(raw_tables(db) == "films,films__part1,films__part2,load_rejects");
  }
}

TEST_CASE("load: a split load that fails after its children committed drops them, and orphans of a dead load go") {
  std::string url = mrun::test::fresh_database("load_split_failure");
  auto specs = load_specs(small_spec("0.5"));
  MemoryDataset dataset;
  dataset.contents["films.csv"] = films_csv(200, "a");
  LoadReport one = load_tables(url, dataset, specs, single("test-split-fail-1"));
  REQUIRE(one.ok());
  PgConnection db(url);
  std::string content = films_content(db);

  SECTION("the swap fails (a part's name is taken): the old table stays, no child is left") {
    db.exec("create table raw.films__part2 (mine int)");
    LoadReport two = load_tables(url, dataset, specs, split("test-split-fail-2"));
    REQUIRE_FALSE(two.ok());
    CHECK(two.tables[0].error.find("\"films__part2\" already exists") != std::string::npos);
    CHECK(films_content(db) == content);
    CHECK(raw_tables(db) == "films,films__part2,load_rejects");
    check_accounting(db, two);  // the failed load's rejects are recorded
  }
  SECTION("children a dead load committed are dropped by the next load") {
    // What a load that died between committing its second child and the swap leaves behind.
    std::string orphan = "raw.films__new_deadbeef_2";
    db.exec("create table " + orphan + " (id bigint, _line bigint not null); comment on table " + orphan + " is " +
            "'" + child_comment(specs[0]) + "'");
    db.exec("create table raw.films_notes (note text); comment on table raw.films_notes is 'mine'");
    CHECK(raw_tables(db) == "films,films__new_deadbeef_2,films_notes,load_rejects");
    LoadReport two = load_tables(url, dataset, specs, single("test-split-fail-3"));
    REQUIRE(two.ok());
    CHECK(raw_tables(db) == "films,films_notes,load_rejects");
  }
}

TEST_CASE("load: when the server refuses the extra stream's connection, the file loads over one stream") {
  std::string url = mrun::test::fresh_database("load_split_limited");
  {
    PgConnection admin(url);
    admin.exec("drop role if exists mrun_one_connection");
    admin.exec("create role mrun_one_connection login connection limit 1 password 'one-pw'");
    admin.exec("create schema raw authorization mrun_one_connection");
  }
  std::string limited = url.substr(0, url.find("user=")) + "user=mrun_one_connection&password=one-pw";
  REQUIRE(limited != url);
  auto specs = load_specs(small_spec("0.5"));
  MemoryDataset dataset;
  dataset.contents["films.csv"] = films_csv(200, "a");
  StreamOptions streams;
  streams.url = limited;
  streams.streams = 2;
  streams.split_min_bytes = 0;
  streams.block_bytes = 200;
  TableLoadResult result;
  {
    PgConnection connection(limited);  // the role's only connection
    connection.exec(RejectLog::create_table_sql(rejects_table("raw")));
    result = load_table(connection, dataset, specs[0], "test-split-limited-1", streams);
  }
  INFO(summary_line(result));
  CHECK(result.ok);
  CHECK(result.streams == 1);
  CHECK(result.loaded == 196);
  PgConnection db(url);
  // One staged table, not a parent with children (the loader publishes it).
  CHECK(raw_tables(db) == "films__new_imited-1,load_rejects");
  CHECK(count(db, "select count(*) from raw.\"films__new_imited-1\"") == 196);
  db.exec("drop schema raw cascade; drop role mrun_one_connection");
}
