#include "util/md5_digest.h"

#include <catch2/catch.hpp>

#include "fetch/fetch_test_support.h"
#include "util/process.h"

using mrun::Md5Digest;

namespace {
std::string md5(std::string_view text) {
  Md5Digest d;
  d.update(text);
  return d.hex();
}
}  // namespace

TEST_CASE("md5 matches the RFC 1321 test suite", "[md5]") {
  CHECK(md5("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(md5("a") == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(md5("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(md5("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(md5("abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
        "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("md5 fed in odd pieces equals md5sum of the file", "[md5]") {
  mrun::test::ScratchDir dir("md5");
  std::string data = mrun::test::sample_csv(3000037, 5);
  mrun::test::write_bytes(dir / "f.bin", data);
  Md5Digest pieces;
  for (size_t at = 0, step = 1; at < data.size(); at += step, step = step * 3 % 9973 + 1)
    pieces.update(std::string_view(data).substr(at, step));
  auto reference = mrun::run_process({"md5sum", dir / "f.bin"});
  REQUIRE(reference.exit_code == 0);
  std::string expected = reference.output.substr(0, 32);
  CHECK(pieces.hex() == expected);
  CHECK(mrun::md5_of_file(dir / "f.bin") == expected);
}

TEST_CASE("md5_hex digests a string at once") {
  CHECK(mrun::md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(mrun::md5_hex("The quick brown fox jumps over the lazy dog") == "9e107d9d372bb6826bd81d3542a419d6");
}
