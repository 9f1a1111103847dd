#include <catch2/catch.hpp>

#include <zlib.h>

#include <stdexcept>

#include "deflate_pipeline.h"

using namespace mrun::moviegen;

namespace {

// A generator of count chunks of varied text.
ChunkFn numbered_chunks(int count) {
  auto next = std::make_shared<int>(0);
  return [next, count](std::string& out) {
    if (*next == count) return false;
    for (int i = 0; i < 20000 * (*next + 1); ++i) out += std::to_string(i * 7919 % 1000003) + ",x\n";
    ++*next;
    return true;
  };
}

std::string inflate_raw(const std::string& in) {
  z_stream zs{};
  REQUIRE(inflateInit2(&zs, -15) == Z_OK);
  std::string out(64u << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  out.resize(out.size() - zs.avail_out);
  const bool all_input_used = zs.avail_in == 0;
  inflateEnd(&zs);
  CHECK(rc == Z_STREAM_END);
  CHECK(all_input_used);
  return out;
}

}  // namespace

TEST_CASE("Pieces deflated apart join into one deflate stream of the whole file") {
  std::string expected;
  ChunkFn reference = numbered_chunks(6);
  for (std::string chunk; reference(chunk); chunk.clear()) expected += chunk;

  DeflatePipeline pipeline(numbered_chunks(6), 3);
  std::string stream;
  for (std::string piece; pipeline.next(piece);) stream += piece;
  REQUIRE(pipeline.finished());
  CHECK(stream.size() < expected.size() / 2);
  CHECK(inflate_raw(stream) == expected);
  CHECK(pipeline.size() == expected.size());
  CHECK(pipeline.crc() == crc32_z(0, reinterpret_cast<const Bytef*>(expected.data()), expected.size()));
}

TEST_CASE("A generator's exception reaches the reader") {
  auto calls = std::make_shared<int>(0);
  DeflatePipeline pipeline([calls](std::string& out) {
    if (++*calls == 3) throw std::runtime_error("disk on fire");
    out = "some text\n";
    return true;
  });
  std::string piece;
  CHECK(pipeline.next(piece));
  CHECK(pipeline.next(piece));
  CHECK_THROWS_WITH(pipeline.next(piece), "disk on fire");
}
