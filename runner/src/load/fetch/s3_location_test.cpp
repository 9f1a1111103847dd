#include "load/fetch/s3_location.h"

#include <catch2/catch.hpp>
#include <sys/file.h>

#include "fetch/fetch_test_support.h"
#include "load/fetch/download_cache.h"
#include "util/process.h"

using namespace mrun;
using namespace mrun::load;
using mrun::test::LocalServer;
using mrun::test::read_all;
using mrun::test::ScratchDir;
using mrun::test::slurp;
using mrun::test::write_bytes;

namespace {

FetchOptions quick(const ScratchDir& dir) {
  FetchOptions o;
  o.cache_dir = dir / "cache";
  o.max_attempts = 2;
  o.retry_delay_ms = 10;
  return o;
}

/// node_modules holding s3rver under the build tree, installed on first use
/// ("" when npm cannot install it: the caller skips loudly).
std::string s3rver_modules() {
  if (!mrun::program_exists("node") || !mrun::program_exists("npm")) return "";
  std::string prefix = mrun::test::build_dir() + "/node";
  std::string modules = prefix + "/node_modules";
  std::filesystem::create_directories(prefix);
  int lock = ::open((prefix + "/.install-lock").c_str(), O_RDWR | O_CREAT, 0644);
  flock(lock, LOCK_EX);  // parallel ctest runs install once
  if (!std::filesystem::exists(modules + "/s3rver/package.json")) {
    auto r = mrun::run_process({"timeout", "300", "npm", "install", "--no-audit", "--no-fund", "--prefix", prefix,
                                "s3rver@3"});
    if (r.exit_code != 0) WARN("npm install s3rver@3 failed:\n" << r.output);
  }
  ::close(lock);
  return std::filesystem::exists(modules + "/s3rver/package.json") ? modules : "";
}

/// A zip holding the-movies-dataset/links.csv with `csv`, made with the zip CLI.
std::string make_movies_zip(const ScratchDir& dir, const std::string& csv) {
  write_bytes(dir / "src/the-movies-dataset/links.csv", csv);
  REQUIRE(mrun::run_process({"zip", "-q", "-r", dir / "movies.zip", "."}, dir / "src").exit_code == 0);
  return dir / "movies.zip";
}

S3Settings endpoint_settings(const LocalServer& server) {
  S3Settings s;
  s.endpoint_url = server.url() + "/";
  return s;
}

}  // namespace

TEST_CASE("s3 URIs become virtual-hosted or path-style or endpoint requests", "[s3]") {
  auto where = parse_s3_uri("s3://com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip");
  CHECK(where.bucket == "com.guild.us-west-2.public-data");
  CHECK(where.key == "project-data/the-movies-dataset.zip");
  CHECK_THROWS_AS(parse_s3_uri("s3://bucket-only"), ConfigError);
  CHECK_THROWS_AS(parse_s3_uri("s3:///key"), ConfigError);

  S3Settings anonymous;
  auto dotted = s3_get_request(where, "us-west-2", anonymous);
  CHECK(dotted.url ==
        "https://s3.us-west-2.amazonaws.com/com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip");
  CHECK(dotted.aws_sigv4.empty());
  CHECK(dotted.headers.empty());
  CHECK_FALSE(dotted.follow_redirects);
  CHECK(dotted.display == "s3://com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip");

  auto plain = s3_get_request({"my-bucket", "a dir/x+y.zip"}, "eu-central-1", anonymous);
  CHECK(plain.url == "https://my-bucket.s3.eu-central-1.amazonaws.com/a%20dir/x%2By.zip");

  S3Settings signed_settings;
  signed_settings.endpoint_url = "http://127.0.0.1:9000/";
  signed_settings.access_key_id = "AKIDEXAMPLE";
  signed_settings.secret_access_key = "wJalrXUtnFEMI";
  signed_settings.session_token = "tok";
  auto s = s3_get_request({"b", "k.zip"}, "us-east-1", signed_settings);
  CHECK(s.url == "http://127.0.0.1:9000/b/k.zip");
  CHECK(s.aws_sigv4 == "aws:amz:us-east-1:s3");
  CHECK(s.aws_credentials == "AKIDEXAMPLE:wJalrXUtnFEMI");
  CHECK(s.headers == std::vector<std::string>{"x-amz-content-sha256: UNSIGNED-PAYLOAD", "x-amz-security-token: tok"});
  CHECK(s.display.find("wJalr") == std::string::npos);
}

TEST_CASE("S3Settings reads the AWS environment", "[s3]") {
  setenv("AWS_REGION", "", 1);
  setenv("AWS_DEFAULT_REGION", "ap-south-1", 1);
  setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1", 1);
  setenv("AWS_ACCESS_KEY_ID", "id", 1);
  auto s = S3Settings::from_environment();
  CHECK(s.region == "ap-south-1");
  CHECK(s.endpoint_url == "http://127.0.0.1:1");
  CHECK(s.access_key_id == "id");
  setenv("AWS_REGION", "eu-west-3", 1);
  CHECK(S3Settings::from_environment().region == "eu-west-3");
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID"})
    unsetenv(name);
  CHECK(S3Settings::from_environment().region == "us-east-1");
}

TEST_CASE("SigV4: the botocore-checked server accepts our signature and refuses a wrong secret", "[s3][sigv4]") {
  ScratchDir dir("s3-sigv4");
  std::string csv = mrun::test::sample_csv(300000, 41);
  std::string zip = make_movies_zip(dir, csv);
  std::filesystem::create_directories(dir / "root/private-bucket/data");
  std::filesystem::copy_file(zip, dir / "root/private-bucket/data/movies dataset.zip");
  LocalServer server({"/usr/bin/python3", mrun::test::fetch_script("sigv4_test_server.py"), dir / "root",
                      "AKIDTEST", "s3cr3t/Key+abc", "eu-west-2", "session-token-1"});
  S3Settings s = endpoint_settings(server);
  s.region = "eu-west-2";
  s.access_key_id = "AKIDTEST";
  s.secret_access_key = "s3cr3t/Key+abc";
  s.session_token = "session-token-1";
  const std::string uri = "s3://private-bucket/data/movies dataset.zip";

  auto ok = download_s3_object(uri, dir / "cache/ok.zip", quick(dir), s);
  CHECK(ok.transferred);
  CHECK(slurp(ok.path) == slurp(zip));

  S3Settings wrong = s;
  wrong.secret_access_key = "not-the-secret";
  try {
    download_s3_object(uri, dir / "cache/wrong.zip", quick(dir), wrong);
    FAIL("no error");
  } catch (const HttpError& e) {
    CHECK(e.status == 403);
    CHECK(e.code == "SignatureDoesNotMatch");
    CHECK_THAT(e.what(), Catch::Contains("HTTP 403 SignatureDoesNotMatch") && Catch::Contains(uri) &&
                             !Catch::Contains("not-the-secret") && !Catch::Contains("AKIDTEST:"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "cache/wrong.zip"));

  S3Settings unsigned_settings = endpoint_settings(server);
  CHECK_THROWS_WITH(download_s3_object(uri, dir / "cache/anon.zip", quick(dir), unsigned_settings),
                    Catch::Contains("HTTP 403 AccessDenied"));

  // Signed for the default region: S3 answers 301 PermanentRedirect naming
  // the bucket's region, and we ask again there.
  S3Settings other_region = s;
  other_region.region = "us-east-1";
  auto redirected = download_s3_object(uri, dir / "cache/redirected.zip", quick(dir), other_region);
  CHECK(slurp(redirected.path) == slurp(zip));
  // Without the header, the region is read from the <Endpoint> S3 names.
  std::filesystem::create_directories(dir / "root/endpoint-only-bucket");
  std::filesystem::copy_file(zip, dir / "root/endpoint-only-bucket/m.zip");
  auto from_endpoint =
      download_s3_object("s3://endpoint-only-bucket/m.zip", dir / "cache/endpoint.zip", quick(dir), other_region);
  CHECK(slurp(from_endpoint.path) == slurp(zip));
}

TEST_CASE("s3rver: objects with ETag cache and Range resume and NoSuchKey and NoSuchBucket", "[s3][s3rver]") {
  std::string modules = s3rver_modules();
  if (modules.empty()) {
    WARN("SKIPPED: s3rver is not installed and node/npm could not install it; S3 behaviour is NOT tested");
    return;
  }
  ScratchDir dir("s3-s3rver");
  std::string csv = mrun::test::sample_csv(5u << 20, 51);
  std::string zip = make_movies_zip(dir, csv);
  std::filesystem::create_directories(dir / "s3data");
  LocalServer server({"/usr/bin/env", "node", mrun::test::fetch_script("s3rver_server.js"), modules, dir / "s3data",
                      "test-bucket", "test-bucket/project-data/the-movies-dataset.zip=" + zip});
  S3Settings s = endpoint_settings(server);
  const std::string uri = "s3://test-bucket/project-data/the-movies-dataset.zip";
  const std::string cached = cache_path_for(uri, quick(dir).cache_dir);

  auto first = download_s3_object(uri, cached, quick(dir), s);
  CHECK(first.transferred);
  CHECK(slurp(cached) == slurp(zip));
  auto meta = complete_copy(cached);
  REQUIRE(meta);
  CHECK_FALSE(meta->etag.empty());

  auto second = download_s3_object(uri, cached, quick(dir), s);
  CHECK_FALSE(second.transferred);
  CHECK(second.bytes_received == 0);

  // An interrupted earlier download of the same version is continued.
  std::string whole = slurp(zip);
  std::filesystem::remove(cached);
  write_bytes(cached + ".part", whole.substr(0, 1234567));
  write_validators(cached + ".part.meta", *meta);
  auto resumed = download_s3_object(uri, cached, quick(dir), s);
  CHECK(resumed.resumed);
  CHECK(resumed.bytes_received == whole.size() - 1234567);
  CHECK(slurp(cached) == whole);

  // Signed requests (s3rver's default key) take the same path.
  S3Settings signed_settings = s;
  signed_settings.access_key_id = "S3RVER";
  signed_settings.secret_access_key = "S3RVER";
  auto signed_fetch = download_s3_object(uri, dir / "cache/signed.zip", quick(dir), signed_settings);
  CHECK(slurp(signed_fetch.path) == whole);

  try {
    download_s3_object("s3://test-bucket/project-data/missing.zip", dir / "cache/missing.zip", quick(dir), s);
    FAIL("no error");
  } catch (const HttpError& e) {
    CHECK(e.code == "NoSuchKey");
    CHECK_THAT(e.what(), Catch::Contains("HTTP 404 NoSuchKey") &&
                             Catch::Contains("s3://test-bucket/project-data/missing.zip"));
  }
  CHECK_THROWS_WITH(download_s3_object("s3://no-such-bucket/x.zip", dir / "cache/x.zip", quick(dir), s),
                    Catch::Contains("HTTP 404 NoSuchBucket"));

  // The whole path through open_dataset, configured by the environment.
  setenv("AWS_ENDPOINT_URL", server.url().c_str(), 1);
  auto ds = open_dataset(uri, quick(dir));
  unsetenv("AWS_ENDPOINT_URL");
  CHECK(read_all(*ds->open("links.csv")) == csv);
  CHECK(ds->describe().find(uri + " (cached: ") == 0);
}
