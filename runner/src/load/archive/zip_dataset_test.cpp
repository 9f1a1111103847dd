#include "load/archive/zip_dataset.h"

#include <catch2/catch.hpp>
#include <thread>
#include <zip.h>

#include "fetch/fetch_test_support.h"
#include "load/archive/directory_dataset.h"
#include "util/error.h"
#include "util/strings.h"

using namespace mrun;
using namespace mrun::load;
using mrun::test::random_bytes;
using mrun::test::read_all;
using mrun::test::sample_csv;
using mrun::test::ScratchDir;

namespace {

/// Writes a zip at `path` holding `entries` (name -> content), compressed
/// with `method` (libzip's zlib deflate at level 1 by default).
void make_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& entries,
              zip_int32_t method = ZIP_CM_DEFLATE) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  for (const auto& [name, content] : entries) {
    if (name.ends_with("/")) {
      REQUIRE(zip_dir_add(z, name.c_str(), ZIP_FL_ENC_UTF_8) >= 0);
      continue;
    }
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    REQUIRE(src != nullptr);
    zip_int64_t idx = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    REQUIRE(idx >= 0);
    REQUIRE(zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), method, 1) == 0);
  }
  REQUIRE(zip_close(z) == 0);  // `entries` must live until here: sources are not copied
}

}  // namespace

TEST_CASE("zip dataset lists entries and streams them byte-exact", "[zip]") {
  ScratchDir dir("zip-basic");
  std::string small = sample_csv(1000, 7);
  std::string nested = sample_csv(200000, 8);
  std::string empty;
  make_zip(dir / "d.zip", {{"movies.csv", small},
                           {"the-movies-dataset/", ""},
                           {"the-movies-dataset/ratings.csv", nested},
                           {"__MACOSX/._ratings.csv", "junk"},
                           {"empty.csv", empty}});
  ZipDataset ds(dir / "d.zip");
  CHECK(ds.files() == std::vector<std::string>{"movies.csv", "the-movies-dataset/ratings.csv", "empty.csv"});

  auto s = ds.open("movies.csv");
  REQUIRE(s->size() == small.size());
  CHECK(read_all(*s) == small);
  CHECK(s->read(nullptr, 0) == 0);

  // A file inside a folder of the archive is found by its base name too.
  auto r = ds.open("ratings.csv");
  CHECK(r->size() == nested.size());
  CHECK(read_all(*r) == nested);
  CHECK(read_all(*ds.open("the-movies-dataset/ratings.csv")) == nested);
  CHECK(read_all(*ds.open("empty.csv")).empty());

  CHECK_THROWS_WITH(ds.open("credits.csv"), Catch::Contains("no file named 'credits.csv'") &&
                                                 Catch::Contains("ratings.csv"));
}

TEST_CASE("zip dataset keeps reading the archive it listed when a new one replaces it", "[zip]") {
  ScratchDir dir("zip-replaced");
  make_zip(dir / "v1.zip", {{"a.csv", "version 1"}});
  make_zip(dir / "v2.zip", {{"b.csv", "version 2 is longer"}, {"a.csv", "version 2"}});
  std::filesystem::copy_file(dir / "v1.zip", dir / "cache.zip");
  ZipDataset ds(dir / "cache.zip");
  std::filesystem::rename(dir / "v2.zip", dir / "cache.zip");  // what a newer download does
  CHECK(read_all(*ds.open("a.csv")) == "version 1");
  CHECK(read_all(*ZipDataset(dir / "cache.zip").open("a.csv")) == "version 2");
}

TEST_CASE("zip dataset: ambiguous base names and bad archives are errors", "[zip]") {
  ScratchDir dir("zip-errors");
  make_zip(dir / "two.zip", {{"a/x.csv", "1"}, {"b/x.csv", "2"}});
  ZipDataset ds(dir / "two.zip");
  CHECK_THROWS_WITH(ds.open("x.csv"), Catch::Contains("ambiguous"));
  CHECK(read_all(*ds.open("b/x.csv")) == "2");

  mrun::test::write_bytes(dir / "not.zip", "PK but not really a zip archive");
  CHECK_THROWS_AS(ZipDataset(dir / "not.zip"), RunError);
  CHECK_THROWS_WITH(ZipDataset(dir / "missing.zip"), Catch::Contains("missing.zip"));
}

TEST_CASE("zip dataset streams a large entry and reads two entries from two threads", "[zip]") {
  ScratchDir dir("zip-large");
  std::string big = sample_csv(60u << 20, 3);  // > 50 MB, compressible
  std::string other = sample_csv(8u << 20, 4);
  make_zip(dir / "big.zip", {{"data/big.csv", big}, {"other.csv", other}});
  auto zip_size = std::filesystem::file_size(dir / "big.zip");
  CHECK(zip_size < big.size() / 2);  // really compressed, so really streamed through inflate

  ZipDataset ds(dir / "big.zip");
  std::string got_big, got_other;
  std::string error;
  auto reader = [&](const std::string& name, std::string& out) {
    try {
      auto s = ds.open(name);
      out = read_all(*s);
    } catch (const std::exception& e) {
      error = e.what();
    }
  };
  std::thread t1(reader, "big.csv", std::ref(got_big));
  std::thread t2(reader, "other.csv", std::ref(got_other));
  t1.join();
  t2.join();
  CHECK(error.empty());
  CHECK(got_big.size() == big.size());
  CHECK(got_big == big);
  CHECK(got_other == other);
}

namespace {

/// Where the data of the archive's first entry starts (after its local header).
size_t first_entry_data(const std::string& archive) {
  REQUIRE(archive.compare(0, 4, "PK\x03\x04") == 0);
  auto u16 = [&](size_t at) { return size_t(uint8_t(archive[at])) | size_t(uint8_t(archive[at + 1])) << 8; };
  return 30 + u16(26) + u16(28);
}

/// Flips every bit of the CRC-32 that the local and the central header of
/// the only entry of `archive` record.
std::string with_wrong_crc(std::string archive) {
  size_t central = archive.find("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  for (size_t at : {size_t{14}, central + 16})
    for (size_t i = 0; i < 4; ++i) archive[at + i] = static_cast<char>(~archive[at + i]);
  return archive;
}

}  // namespace

TEST_CASE("zip dataset: deflate and stored entries round-trip at any read size", "[zip]") {
  ScratchDir dir("zip-sizes");
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"empty.csv", ""},
      {"one.csv", "1"},
      {"small.csv", sample_csv(50000, 31)},
      {"mixed.csv", random_bytes(1u << 20, 32) + sample_csv(1u << 20, 33)},  // > 1 MB, random then text
      {"repetitive.csv", std::string(8u << 20, 'z') + sample_csv(5000, 34)},     // compresses ~1000:1
  };
  make_zip(dir / "deflated.zip", entries, ZIP_CM_DEFLATE);
  make_zip(dir / "stored.zip", entries, ZIP_CM_STORE);
  CHECK(std::filesystem::file_size(dir / "deflated.zip") < (3u << 20));
  CHECK(std::filesystem::file_size(dir / "stored.zip") > (10u << 20));
  for (std::string archive : {"deflated.zip", "stored.zip"}) {
    ZipDataset ds(dir / archive);
    for (const auto& [name, content] : entries) {
      for (size_t read_size : {1, 3, 4096, 65521, (1 << 20) + 1}) {
        if (read_size < 100 && content.size() > 100000) continue;  // byte-wise reads of megabytes: slow, no news
        INFO(archive << ": " << name << " read " << read_size << " bytes at a time");
        auto stream = ds.open(name);
        CHECK(stream->size() == content.size());
        std::string got = read_all(*stream, read_size);
        REQUIRE(got.size() == content.size());
        CHECK(got == content);
      }
    }
  }
}

TEST_CASE("zip dataset: a corrupt deflate entry is an error, never wrong data", "[zip]") {
  ScratchDir dir("zip-corrupt");
  const std::string content = sample_csv(400000, 41);
  make_zip(dir / "good.zip", {{"ratings.csv", content}});
  const std::string good = mrun::test::slurp(dir / "good.zip");
  const size_t data = first_entry_data(good);
  const size_t data_size = good.find("PK\x01\x02") - data;
  REQUIRE(data_size > 1000);
  REQUIRE(data_size < content.size() / 2);  // deflated

  SECTION("flipped bytes in the compressed data") {
    for (size_t at : {data + data_size / 4, data + data_size / 2, data + data_size * 3 / 4}) {
      INFO("byte " << at << " flipped");
      std::string bad = good;
      bad[at] = static_cast<char>(bad[at] ^ 0x21);
      mrun::test::write_bytes(dir / "bad.zip", bad);
      ZipDataset ds(dir / "bad.zip");
      CHECK_THROWS_WITH(read_all(*ds.open("ratings.csv")),
                        Catch::StartsWith("zip " + dir / "bad.zip" + ": ratings.csv: ") &&
                            (Catch::Contains("read failed") || Catch::Contains("checksum mismatch")));
    }
  }
  SECTION("a stored CRC-32 that does not match the data") {
    mrun::test::write_bytes(dir / "bad.zip", with_wrong_crc(good));
    ZipDataset ds(dir / "bad.zip");
    CHECK_THROWS_WITH(read_all(*ds.open("ratings.csv")),
                      Catch::StartsWith("zip " + dir / "bad.zip" + ": ratings.csv: checksum mismatch"));
  }
  SECTION("a stored entry is still checked (by libzip)") {
    make_zip(dir / "stored.zip", {{"ratings.csv", content}}, ZIP_CM_STORE);
    mrun::test::write_bytes(dir / "bad.zip", with_wrong_crc(mrun::test::slurp(dir / "stored.zip")));
    ZipDataset ds(dir / "bad.zip");
    CHECK_THROWS_WITH(read_all(*ds.open("ratings.csv")), Catch::Contains("ratings.csv: read failed"));
  }
}

TEST_CASE("the same bytes have the same content fingerprint in a zip (read or not) and in a directory", "[zip]") {
  ScratchDir dir("zip_fingerprints");
  std::string content = sample_csv(20000);
  std::string other = content;
  other[other.size() / 2] ^= 1;
  make_zip(dir / "d.zip", {{"deflated.csv", content}});
  make_zip(dir / "s.zip", {{"stored.csv", content}}, ZIP_CM_STORE);
  std::filesystem::create_directories(dir / "plain");
  write_file_atomic(dir / "plain/deflated.csv", content);
  write_file_atomic(dir / "plain/changed.csv", other);

  auto fingerprint_after_reading = [](const Dataset& d, const std::string& name) {
    auto stream = d.open(name);
    CHECK(stream->content_fingerprint().empty());  // nothing is known before the end
    read_all(*stream);
    return stream->content_fingerprint();
  };
  ZipDataset deflated(dir / "d.zip"), stored(dir / "s.zip");
  DirectoryDataset plain(dir / "plain");
  std::string expected = fingerprint_after_reading(plain, "deflated.csv");
  CHECK(expected.starts_with("crc32:"));
  CHECK(expected.ends_with(":size:" + std::to_string(content.size())));
  CHECK(deflated.known_fingerprint("deflated.csv") == expected);
  CHECK(fingerprint_after_reading(deflated, "deflated.csv") == expected);
  CHECK(stored.known_fingerprint("stored.csv") == expected);
  CHECK(fingerprint_after_reading(stored, "stored.csv") == expected);
  CHECK(fingerprint_after_reading(plain, "changed.csv") != expected);
  // A plain file's signature changes when it is written; its content is not read for it.
  std::string signature = plain.file_signature("deflated.csv");
  CHECK_FALSE(signature.empty());
  CHECK(plain.file_signature("deflated.csv") == signature);
  write_file_atomic(dir / "plain/deflated.csv", content);
  CHECK(plain.file_signature("deflated.csv") != signature);
  CHECK(plain.known_fingerprint("deflated.csv").empty());
}
