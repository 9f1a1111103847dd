// Speed of the fetch path against reference tools in the same run (hidden
// from the default test run; see docs/benchmarks.md, "Fetch and zip streaming"):
//   build/runner/mrun_load_tests "[.perf]"
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "../../tests/fetch/fetch_test_support.h"
#include "load/http_fetch.h"
#include "load/zip_dataset.h"
#include "util/process.h"

using namespace mrun;
using namespace mrun::load;

namespace {

double seconds_of(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

uint64_t drain(ByteStream& stream) {
  std::vector<char> buf(1 << 20);
  uint64_t total = 0;
  for (size_t n; (n = stream.read(buf.data(), buf.size())) > 0;) total += n;
  return total;
}

void shell(const std::string& command) { REQUIRE(run_process({"sh", "-c", command}).exit_code == 0); }

}  // namespace

TEST_CASE("perf: zip streaming and download against unzip and curl", "[.perf]") {
  mrun::test::ScratchDir dir("perf");
  const size_t size = 256u << 20;
  mrun::test::write_bytes(dir / "src/ratings.csv", mrun::test::sample_csv(size, 1));
  mrun::test::write_bytes(dir / "src/credits.csv", mrun::test::sample_csv(size, 2));
  shell("cd '" + dir / "src" + "' && zip -q -1 ../data.zip ratings.csv credits.csv");
  std::string zip = dir / "data.zip";
  ZipDataset ds(zip);

  double ours = seconds_of([&] { CHECK(drain(*ds.open("ratings.csv")) == size); });
  double unzip = seconds_of([&] { shell("unzip -p '" + zip + "' ratings.csv > /dev/null"); });
  double sequential2 = seconds_of([&] {
    drain(*ds.open("ratings.csv"));
    drain(*ds.open("credits.csv"));
  });
  double parallel2 = seconds_of([&] {
    std::thread t([&] { drain(*ds.open("credits.csv")); });
    drain(*ds.open("ratings.csv"));
    t.join();
  });

  mrun::test::LocalServer server({"/usr/bin/python3", mrun::test::fetch_script("http_test_server.py"), dir.path});
  std::string url = server.url() + "/files/data.zip";
  HttpRequest request{url, url, {}, "", "", true, false};
  FetchOptions options;
  double download_time = seconds_of([&] { download(request, dir / "cache/data.zip", options); });
  double curl_time = seconds_of([&] { shell("curl -s -o '" + dir / "curl.zip" + "' '" + url + "'"); });
  double md5_time = seconds_of([&] { shell("md5sum '" + zip + "' > /dev/null"); });

  double mb = static_cast<double>(size) / 1e6;
  double zip_mb = static_cast<double>(std::filesystem::file_size(zip)) / 1e6;
  WARN("zip entry " << mb << " MB: ZipDataset " << ours << " s (" << mb / ours << " MB/s), unzip -p " << unzip
                    << " s; ratio " << ours / unzip);
  WARN("two entries: sequential " << sequential2 << " s, two threads " << parallel2 << " s; speedup "
                                  << sequential2 / parallel2);
  WARN("download " << zip_mb << " MB from 127.0.0.1: download() " << download_time << " s, curl " << curl_time
                   << " s; ratio " << download_time / curl_time << " (md5sum of the file alone: " << md5_time
                   << " s)");
}
