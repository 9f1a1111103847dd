#include "load/archive/raw_inflate.h"

#include <zlib.h>

#include <catch2/catch.hpp>

#include "fetch/fetch_test_support.h"
#include "load/archive/memory_dataset.h"
#include "util/error.h"

using namespace mrun;
using namespace mrun::load;
using mrun::test::random_bytes;
using mrun::test::read_all;
using mrun::test::sample_csv;

namespace {

/// `data` as raw deflate (no zlib/gzip wrapper), compressed by zlib: an
/// implementation independent of the ISA-L code under test.
std::string deflate_raw(const std::string& data, int level = Z_DEFAULT_COMPRESSION, int strategy = Z_DEFAULT_STRATEGY) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, level, Z_DEFLATED, -15, 8, strategy) == Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

/// zlib's CRC-32 of `data`.
uint32_t crc_of(const std::string& data) {
  return static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

/// A stream inflating `compressed`, handed over `input_step` bytes at a time,
/// that must yield `original`.
std::unique_ptr<RawInflateStream> inflating(const std::string& compressed, const std::string& original,
                                            size_t input_step = 1 << 20) {
  return std::make_unique<RawInflateStream>(std::make_unique<MemoryStream>(compressed, input_step),
                                            InflatedData{original.size(), crc_of(original)}, "zip t.zip: e.csv");
}

}  // namespace

TEST_CASE("raw inflate yields the original bytes for any size, compression and read size", "[inflate]") {
  const std::string text = sample_csv(1500000, 5);
  struct Case {
    std::string name;
    std::string data;
    bool small_reads;  ///< also read 1 and 7 bytes at a time (slow on big data)
  };
  std::vector<Case> cases = {
      {"empty", "", true},
      {"one byte", "x", true},
      {"small text", sample_csv(70000, 9), true},
      {"random + text > 1 MB", random_bytes(1200000, 3) + text, false},
      {"highly compressible", std::string(6u << 20, 'a') + text.substr(0, 1000) + std::string(3u << 20, '\n'), false},
  };
  for (const auto& c : cases) {
    for (int level : {0, 1, 6, 9}) {  // 0: stored blocks; 1 and 9: different matchers and block types
      std::string compressed = deflate_raw(c.data, level);
      for (size_t read_size : {1, 7, 4093, 65521, (1 << 20) + 3}) {
        if (read_size < 100 && !c.small_reads) continue;
        INFO(c.name << ", level " << level << ", reads of " << read_size);
        auto stream = inflating(compressed, c.data);
        CHECK(stream->size() == c.data.size());
        std::string got = read_all(*stream, read_size);
        REQUIRE(got.size() == c.data.size());
        CHECK(got == c.data);
        CHECK(stream->read(got.data(), 1) == 0);  // the end stays the end
      }
    }
  }
}

TEST_CASE("raw inflate handles input that arrives in small pieces", "[inflate]") {
  std::string data = sample_csv(200000, 11) + random_bytes(50000, 12);
  for (int strategy : {Z_DEFAULT_STRATEGY, Z_HUFFMAN_ONLY, Z_FIXED}) {
    std::string compressed = deflate_raw(data, 6, strategy);
    for (size_t input_step : {1, 3, 4096}) {
      INFO("strategy " << strategy << ", input " << input_step << " bytes at a time");
      CHECK(read_all(*inflating(compressed, data, input_step), 4093) == data);
    }
  }
}

TEST_CASE("raw inflate: corrupt, cut or mismatched data is an error naming the entry", "[inflate]") {
  const std::string data = sample_csv(300000, 21);
  const std::string compressed = deflate_raw(data, 6);
  REQUIRE(compressed.size() > 1000);

  SECTION("flipped bytes in the compressed data") {
    for (size_t at : {compressed.size() / 10, compressed.size() / 2, compressed.size() * 9 / 10}) {
      INFO("byte " << at << " of " << compressed.size() << " flipped");
      std::string bad = compressed;
      bad[at] = static_cast<char>(bad[at] ^ 0x5a);
      CHECK_THROWS_WITH(read_all(*inflating(bad, data)), Catch::StartsWith("zip t.zip: e.csv: ") &&
                                                             (Catch::Contains("read failed") ||
                                                              Catch::Contains("checksum mismatch")));
    }
  }
  SECTION("a CRC-32 that does not match") {
    RawInflateStream stream(std::make_unique<MemoryStream>(compressed), {data.size(), crc_of(data) ^ 1}, "entry x");
    CHECK_THROWS_WITH(read_all(stream), Catch::StartsWith("entry x: checksum mismatch: the data's CRC-32 is ") &&
                                            Catch::Contains("expected"));
  }
  SECTION("a size that does not match") {
    RawInflateStream longer(std::make_unique<MemoryStream>(compressed), {data.size() + 1, crc_of(data)}, "entry x");
    CHECK_THROWS_WITH(read_all(longer), "entry x: read failed: inflated to " + std::to_string(data.size()) +
                                            " bytes, expected " + std::to_string(data.size() + 1));
    RawInflateStream shorter(std::make_unique<MemoryStream>(compressed), {data.size() - 1, crc_of(data)}, "entry x");
    CHECK_THROWS_WITH(read_all(shorter), Catch::Contains("inflates to more than the expected"));
  }
  SECTION("compressed data cut short") {
    for (size_t keep : {size_t{0}, size_t{1}, compressed.size() / 2, compressed.size() - 1}) {
      INFO("first " << keep << " compressed bytes");
      CHECK_THROWS_WITH(read_all(*inflating(compressed.substr(0, keep), data)),
                        Catch::StartsWith("zip t.zip: e.csv: read failed: the compressed data ends after "));
    }
  }
  SECTION("bytes that are not deflate data") {
    CHECK_THROWS_WITH(read_all(*inflating(random_bytes(5000, 7), data)),
                      Catch::StartsWith("zip t.zip: e.csv: read failed: invalid deflate"));
  }
}
