#include "load/csv/csv_scanner.h"

#include <catch2/catch.hpp>
#include <random>

#include "load/archive/memory_dataset.h"

using namespace mrun::load;
using namespace std::string_literals;

namespace {

struct Scanned {
  int64_t line;
  std::vector<std::string> fields;
  std::vector<int> quoted;
  std::string raw;
  std::string error;
};

// Scans `text`, reading `step` bytes at a time with a tiny chunk size so that
// records cross buffer boundaries in every possible place.
std::vector<Scanned> scan_all(const std::string& text, size_t step = 1 << 20, size_t chunk = 1 << 16,
                              size_t max_record = 1 << 20) {
  MemoryStream stream(text, step);
  CsvScanner scanner(stream, chunk, max_record);
  CsvRecord r;
  std::vector<Scanned> out;
  while (scanner.next(r)) {
    Scanned s{r.line, {}, {}, std::string(r.raw), r.error};
    for (size_t i = 0; i < r.fields.size(); ++i) {
      s.fields.emplace_back(r.fields[i]);
      s.quoted.push_back(r.quoted[i]);
    }
    out.push_back(std::move(s));
  }
  REQUIRE(scanner.bytes_read() == text.size());
  return out;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("csv: plain records with LF, CRLF and a missing final line end") {
  for (std::string eol : {"\n", "\r\n", "\r"}) {
    auto recs = scan_all("a,b,c" + eol + "1,,3" + eol + "x,y,z");
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].fields == Fields{"a", "b", "c"});
    CHECK(recs[1].fields == Fields{"1", "", "3"});
    CHECK(recs[2].fields == Fields{"x", "y", "z"});
    CHECK(recs[1].line == 2);
    CHECK(recs[2].line == 3);
    CHECK(recs[1].raw == "1,,3");
    for (const auto& r : recs) CHECK(r.error.empty());
  }
}

TEST_CASE("csv: quoted fields with commas, doubled quotes and embedded newlines") {
  std::string text = "id,text\n1,\"a, \"\"quoted\"\" word\"\n2,\"two\nlines\r\nhere\"\n3,\"\"\n";
  auto recs = scan_all(text);
  REQUIRE(recs.size() == 4);
  CHECK(recs[1].fields == Fields{"1", "a, \"quoted\" word"});
  CHECK(recs[1].quoted == std::vector<int>{0, 1});
  CHECK(recs[2].fields == Fields{"2", "two\nlines\r\nhere"});
  CHECK(recs[2].line == 3);
  CHECK(recs[3].line == 6);  // the record before spans lines 3-5
  CHECK(recs[3].fields == Fields{"3", ""});
  CHECK(recs[3].quoted == std::vector<int>{0, 1});
}

TEST_CASE("csv: a UTF-8 BOM is skipped, blank lines are not records") {
  auto recs = scan_all("\xEF\xBB\xBFid,name\n\n1,\xC3\xA9t\xC3\xA9\r\n\r\n2,b\n\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].fields == Fields{"id", "name"});
  CHECK(recs[1].fields == Fields{"1", "\xC3\xA9t\xC3\xA9"});
  CHECK(recs[1].line == 3);
  CHECK(recs[2].line == 5);
}

TEST_CASE("csv: empty last field and trailing comma at end of stream") {
  auto recs = scan_all("a,b\n1,");
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].fields == Fields{"1", ""});
}

TEST_CASE("csv: very long fields cross many chunks, at every split point") {
  std::string big(300000, 'x');
  for (size_t i = 0; i < big.size(); i += 1000) big[i] = (i % 3000 == 0) ? '\n' : '"';
  std::string quoted_big;
  for (char c : big) {
    quoted_big += c;
    if (c == '"') quoted_big += '"';
  }
  std::string text = "h1,h2\n1,\"" + quoted_big + "\"\n2,short\n";
  for (size_t step : {size_t{1}, size_t{7}, size_t{4096}, size_t{1} << 20}) {
    auto recs = scan_all(text, step, 1024);
    REQUIRE(recs.size() == 3);
    CHECK(recs[1].fields[1] == big);
    CHECK(recs[1].error.empty());
    CHECK(recs[2].line == 3 + 100);  // 100 newlines inside the big field
    CHECK(recs[2].fields == Fields{"2", "short"});
  }
}

TEST_CASE("csv: every split point of a tricky input gives the same records") {
  std::string text = "\xEF\xBB\xBF" "a,\"b\"\"\r\nc\",d\r\n\"\",x\r\n\r\ne,\"f\"\r\n";
  auto whole = scan_all(text);
  REQUIRE(whole.size() == 3);
  for (size_t step = 1; step < text.size(); ++step) {
    auto recs = scan_all(text, step, 16);
    REQUIRE(recs.size() == whole.size());
    for (size_t i = 0; i < recs.size(); ++i) {
      CHECK(recs[i].fields == whole[i].fields);
      CHECK(recs[i].line == whole[i].line);
      CHECK(recs[i].raw == whole[i].raw);
    }
  }
  CHECK(whole[0].fields == Fields{"a", "b\"\r\nc", "d"});
  CHECK(whole[1].line == 3);
  CHECK(whole[2].line == 5);
}

TEST_CASE("csv: junk after a closing quote is a reject naming line and column, scanning goes on") {
  auto recs = scan_all("a,b\n1,\"x\"y\n2,z\n");
  REQUIRE(recs.size() == 3);
  CHECK(recs[1].error == "junk after closing quote at line 2 column 6");
  CHECK(recs[1].raw == "1,\"x\"y");
  CHECK(recs[2].error.empty());
  CHECK(recs[2].fields == Fields{"2", "z"});
}

TEST_CASE("csv: junk after a quoted field that spans lines names the right line") {
  auto recs = scan_all("a\n\"x\ny\"!\n");
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].error == "junk after closing quote at line 3 column 3");
}

TEST_CASE("csv: an unterminated quote rejects its first line only and resynchronizes") {
  auto recs = scan_all("a,b\n1,\"open\n2,ok\n3,ok\n");
  REQUIRE(recs.size() == 4);
  CHECK(recs[1].error == "unterminated quoted field opened at line 2 column 3");
  CHECK(recs[1].raw == "1,\"open");
  CHECK(recs[1].line == 2);
  CHECK(recs[2].fields == Fields{"2", "ok"});
  CHECK(recs[2].line == 3);
  CHECK(recs[3].line == 4);
}

TEST_CASE("csv: a record longer than the limit is rejected, not buffered forever") {
  std::string text = "a\n\"" + std::string(5000, 'x') + "\n" + std::string(5000, 'y') + "\nz\n";
  auto recs = scan_all(text, 100, 64, 2048);
  REQUIRE(recs.size() >= 2);
  CHECK(recs[1].error.find("record longer than 2048 bytes") == 0);
  CHECK(recs.back().fields == Fields{"z"});
  CHECK(recs.back().line == 4);
}

TEST_CASE("csv: invalid UTF-8 and NUL bytes are rejects with line and column") {
  auto recs = scan_all("a,b\n1,ok\n2,\"bad\n\xC3(\"\n3,n\xE2\x82\n4,\x00x\n5,\xED\xA0\x80\n6,\xF0\x9F\x98\x80\n"s);
  REQUIRE(recs.size() == 7);
  CHECK(recs[1].error.empty());
  CHECK(recs[2].error == "invalid UTF-8 at line 4 column 1");
  CHECK(recs[3].error == "invalid UTF-8 at line 5 column 4");
  CHECK(recs[4].error == "NUL byte at line 6 column 3");
  CHECK(recs[5].error == "invalid UTF-8 at line 7 column 3");  // an encoded surrogate
  CHECK(recs[6].error.empty());                              // a 4-byte emoji is fine
}

TEST_CASE("csv: sanitize_utf8 replaces what PostgreSQL text cannot hold") {
  CHECK(sanitize_utf8("a\xC3(b"s) == "a\xEF\xBF\xBD(b");
  CHECK(sanitize_utf8(std::string("x\0y", 3)) == "x\xEF\xBF\xBDy");
  CHECK(sanitize_utf8("\xC3\xA9") == "\xC3\xA9");
  CHECK(find_invalid_utf8("plain ascii text that is long enough") == std::string_view::npos);
  CHECK(find_invalid_utf8("abcdefgh\xFF") == 8);
}

TEST_CASE("csv: a quote inside an unquoted field is kept as text") {
  auto recs = scan_all("a,b\n5'11\",x\n");
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].error.empty());
  CHECK(recs[1].fields == Fields{"5'11\"", "x"});
}

TEST_CASE("csv: random inputs scan the same whole (16-byte fast path) and a byte at a time") {
  // Fed a byte at a time, a record's end is always the last byte in the
  // buffer, so only the general scan runs; fed whole, plain records take
  // the SSE2 fast path. Both must agree on everything, rejects included.
  const std::vector<std::string> alphabet = {"a", "7", "xyzxyzxyzxyzxyz", ",", ",", "\"", "\n", "\r\n", "\r",
                                             "\xC3\xA9", "\xC3", "\xFF", std::string(1, '\0'), " "};
  std::mt19937 rng(42);
  size_t fast_records = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    int pieces = static_cast<int>(rng() % 80);
    bool quoting = rng() % 2 == 0;  // half the inputs without quotes: long plain runs
    for (int k = 0; k < pieces; ++k) {
      const std::string& piece = alphabet[rng() % alphabet.size()];
      if (piece == "\"" && !quoting) continue;
      text += piece;
    }
    auto whole = scan_all(text);
    auto bytewise = scan_all(text, 1, 16);
    INFO("input: " << text);
    REQUIRE(whole.size() == bytewise.size());
    for (size_t i = 0; i < whole.size(); ++i) {
      CHECK(whole[i].line == bytewise[i].line);
      CHECK(whole[i].fields == bytewise[i].fields);
      CHECK(whole[i].quoted == bytewise[i].quoted);
      CHECK(whole[i].raw == bytewise[i].raw);
      CHECK(whole[i].error == bytewise[i].error);
      if (whole[i].raw.size() >= 16 && whole[i].raw.find('"') == std::string::npos) ++fast_records;
    }
  }
  CHECK(fast_records > 100);  // the fast path was exercised
}
