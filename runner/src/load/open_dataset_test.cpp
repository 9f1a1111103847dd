#include "load/dataset.h"

#include <catch2/catch.hpp>

#include "fetch/fetch_test_support.h"
#include "load/fetch/download_cache.h"
#include "util/error.h"
#include "util/process.h"

using namespace mrun;
using namespace mrun::load;
using mrun::test::read_all;
using mrun::test::ScratchDir;
using mrun::test::write_bytes;

TEST_CASE("open_dataset: local directory or zip path or file URI", "[open]") {
  ScratchDir dir("open-local");
  write_bytes(dir / "csv dir/links.csv", "movieId,imdbId\n1,114709\n");
  auto from_dir = open_dataset(dir / "csv dir", {});
  CHECK(from_dir->files() == std::vector<std::string>{"links.csv"});
  CHECK(read_all(*from_dir->open("links.csv")) == "movieId,imdbId\n1,114709\n");

  // The zip CLI makes the archive here, so this also checks we read archives
  // that libzip did not write.
  auto r = mrun::run_process({"zip", "-q", "-r", "../data set.zip", "."}, dir / "csv dir");
  REQUIRE(r.exit_code == 0);
  auto from_zip = open_dataset(dir / "data set.zip", {});
  CHECK(read_all(*from_zip->open("links.csv")) == "movieId,imdbId\n1,114709\n");
  CHECK(from_zip->describe().find("data set.zip") != std::string::npos);

  std::string uri = "file://" + dir.path.string() + "/data%20set.zip";
  auto from_uri = open_dataset(uri, {});
  CHECK(read_all(*from_uri->open("links.csv")) == "movieId,imdbId\n1,114709\n");
  CHECK(from_uri->describe() == "zip " + dir.path.string() + "/data set.zip");
}

TEST_CASE("open_dataset: missing and unsupported local inputs", "[open]") {
  ScratchDir dir("open-errors");
  CHECK_THROWS_WITH(open_dataset(dir / "nothing.zip", {}), Catch::Contains("nothing.zip") &&
                                                             Catch::Contains("no such file"));
  write_bytes(dir / "plain.txt", "hello");
  CHECK_THROWS_WITH(open_dataset(dir / "plain.txt", {}), Catch::Contains("not a zip archive"));
  CHECK_THROWS_WITH(open_dataset("file://relative/x.zip", {}), Catch::Contains("absolute path"));
}

namespace {
// Zips dir/src into dir/www/movies.zip and serves dir/www with the test server.
std::unique_ptr<mrun::test::LocalServer> serve_zipped(const ScratchDir& dir) {
  std::filesystem::create_directories(dir / "www");
  REQUIRE(mrun::run_process({"zip", "-q", "-r", "../www/movies.zip", "."}, dir / "src").exit_code == 0);
  return std::make_unique<mrun::test::LocalServer>(
      std::vector<std::string>{"/usr/bin/python3", mrun::test::fetch_script("http_test_server.py"), dir / "www"});
}

// Options that cache into dir/cache and retry quickly.
FetchOptions quick_options(const ScratchDir& dir) {
  FetchOptions options;
  options.cache_dir = dir / "cache";
  options.retry_delay_ms = 10;
  return options;
}
}  // namespace

TEST_CASE("open_dataset: an http URI is downloaded into the cache and read as a zip", "[open][http]") {
  ScratchDir dir("open-http");
  write_bytes(dir / "src/the-movies-dataset/keywords.csv", "id,keywords\n862,[]\n");
  auto served = serve_zipped(dir);
  const mrun::test::LocalServer& server = *served;
  FetchOptions options = quick_options(dir);

  auto ds = open_dataset(server.url() + "/files/movies.zip", options);
  CHECK(read_all(*ds->open("keywords.csv")) == "id,keywords\n862,[]\n");
  CHECK(ds->describe().find("/files/movies.zip (cached: " + options.cache_dir) != std::string::npos);
  auto again = open_dataset(server.url() + "/files/movies.zip", options);
  CHECK(read_all(*again->open("keywords.csv")) == "id,keywords\n862,[]\n");
  CHECK(mrun::test::server_stat(server, "/files/movies.zip", "statuses") == "200,304");

  // Credentials in the URL never reach messages.
  std::string secret_uri = "http://someone:hunter2@127.0.0.1:" + std::to_string(server.port()) +
                           "/status-404-times-0/movies.zip";
  try {
    open_dataset(secret_uri, options);
    FAIL("no error");
  } catch (const RunError& e) {
    CHECK_THAT(e.what(), Catch::Contains("HTTP 404 NoSuchKey") && !Catch::Contains("hunter2"));
  }
}

TEST_CASE("open_dataset: a truncated download with a matching Content-Length is never cached", "[open][http]") {
  ScratchDir dir("open-truncated");
  write_bytes(dir / "src/ratings.csv", mrun::test::sample_csv(300000));
  write_bytes(dir / "src/links.csv", mrun::test::sample_csv(200000, 7));
  auto served = serve_zipped(dir);
  const mrun::test::LocalServer& server = *served;
  FetchOptions options = quick_options(dir);
  options.max_attempts = 3;
  std::string whole = mrun::test::sample_csv(300000);

  SECTION("the first answer holds 60% of the zip: it is refused and downloaded again") {
    auto ds = open_dataset(server.url() + "/truncated-60-times-1/movies.zip", options);
    CHECK(read_all(*ds->open("ratings.csv")) == whole);
    CHECK(mrun::test::server_stat(server, "/truncated-60-times-1/movies.zip", "statuses") == "200,200");
  }
  SECTION("every answer is truncated: the fetch fails saying why and caches nothing") {
    std::string uri = server.url() + "/truncated-60-times-0/movies.zip";
    CHECK_THROWS_WITH(open_dataset(uri, options), Catch::Contains("not a whole zip archive"));
    std::string cached = cache_path_for(uri, options.cache_dir);
    CHECK_FALSE(std::filesystem::exists(cached));
    CHECK_FALSE(std::filesystem::exists(cached + ".meta"));
  }
  SECTION("a truncated copy cached by an older version is dropped and downloaded again") {
    std::string uri = server.url() + "/files/movies.zip";
    REQUIRE(read_all(*open_dataset(uri, options)->open("ratings.csv")) == whole);
    // What older versions cached: 60% of the file, with metadata that fits it.
    std::string cached = cache_path_for(uri, options.cache_dir);
    std::string bytes = mrun::test::slurp(cached);
    bytes.resize(bytes.size() * 6 / 10);
    write_bytes(cached, bytes);
    ObjectValidators meta = *read_validators(cached + ".meta");
    meta.size = bytes.size();
    write_validators(cached + ".meta", meta);

    auto ds = open_dataset(uri, options);  // the server answers 304: the copy is "current"
    CHECK(read_all(*ds->open("ratings.csv")) == whole);
    CHECK(mrun::test::server_stat(server, "/files/movies.zip", "statuses") == "200,304,200");
  }
}
