// Speed of the fetch path against reference tools in the same run (hidden
// from the default test run; see docs/benchmarks.md, "Fetch and zip streaming"):
//   build/runner/mrun_load_tests "[.perf]"
#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <thread>
#include <zip.h>

#include "fetch/fetch_test_support.h"
#include "load/fetch/http_fetch.h"
#include "load/archive/zip_dataset.h"
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

/// CPU seconds this thread spends in `work` (the machine may be busy with other work).
double cpu_seconds_of(const std::function<void()>& work) {
  auto now = [] {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
  };
  double start = now();
  work();
  return now() - start;
}

/// Drains entry `name` of `zip` through libzip's zip_fread (zlib inflate and CRC-32).
uint64_t drain_with_libzip(const std::string& zip, const std::string& name) {
  zip_t* archive = zip_open(zip.c_str(), ZIP_RDONLY, nullptr);
  REQUIRE(archive);
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  REQUIRE(file);
  std::vector<char> buf(1 << 20);
  uint64_t total = 0;
  for (zip_int64_t n; (n = zip_fread(file, buf.data(), buf.size())) > 0;) total += static_cast<uint64_t>(n);
  zip_fclose(file);
  zip_discard(archive);
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

// MRUN_PERF_ZIP=<archive> MRUN_PERF_ENTRY=<name> time that entry instead of a
// generated 256 MB CSV (e.g. ratings.csv of moviegen's full-scale zip).
TEST_CASE("perf: zip entry inflate, ISA-L (ZipDataset) against libzip's zlib", "[.perf]") {
  mrun::test::ScratchDir dir("perf-inflate");
  const char* given = std::getenv("MRUN_PERF_ZIP");
  std::string zip = given ? given : dir / "data.zip";
  std::string entry = given && std::getenv("MRUN_PERF_ENTRY") ? std::getenv("MRUN_PERF_ENTRY") : "ratings.csv";
  if (!given) {
    mrun::test::write_bytes(dir / "src/ratings.csv", mrun::test::sample_csv(256u << 20, 1));
    shell("cd '" + dir / "src" + "' && zip -q -1 ../data.zip ratings.csv");
  }
  ZipDataset ds(zip);
  const uint64_t size = *ds.open(entry)->size();
  double isal = 1e9, zlib = 1e9, isal_cpu = 1e9, zlib_cpu = 1e9;
  for (int run = 0; run < 2; ++run) {  // alternate, keep the best of each
    isal_cpu = std::min(isal_cpu, cpu_seconds_of([&] {
      isal = std::min(isal, seconds_of([&] { CHECK(drain(*ds.open(entry)) == size); }));
    }));
    zlib_cpu = std::min(zlib_cpu, cpu_seconds_of([&] {
      zlib = std::min(zlib, seconds_of([&] { CHECK(drain_with_libzip(zip, entry) == size); }));
    }));
  }
  double mb = static_cast<double>(size) / 1e6;
  WARN(entry << " " << mb << " MB: ISA-L " << isal << " s (" << mb / isal << " MB/s, CPU " << isal_cpu
             << " s), libzip/zlib " << zlib << " s (" << mb / zlib << " MB/s, CPU " << zlib_cpu
             << " s); speedup " << zlib / isal << " (CPU " << zlib_cpu / isal_cpu << ")");
}
