#include "load/fetch/http_fetch.h"

#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>

#include "fetch/fetch_test_support.h"
#include "load/fetch/download_cache.h"

using namespace mrun;
using namespace mrun::load;
using mrun::test::LocalServer;
using mrun::test::ScratchDir;
using mrun::test::server_stat;
using mrun::test::slurp;
using mrun::test::write_bytes;

namespace {

/// A scratch directory whose www/data.zip (`content`) is served by
/// http_test_server.py; downloads go to `cached`.
struct ServedFile {
  ScratchDir dir;
  std::string content;
  LocalServer server;
  std::string cached;

  ServedFile(const std::string& name, std::string data)
      : dir(name),
        content((write_bytes(dir / "www/data.zip", data), std::move(data))),
        server({"/usr/bin/python3", mrun::test::fetch_script("http_test_server.py"), dir / "www"}),
        cached(dir / "cache/data.zip") {}
};

HttpRequest get(const LocalServer& server, const std::string& path) {
  HttpRequest r;
  r.url = server.url() + path;
  r.display = r.url;
  return r;
}

FetchOptions fast_retries(int attempts) {
  FetchOptions o;
  o.max_attempts = attempts;
  o.retry_delay_ms = 10;
  return o;
}

}  // namespace

TEST_CASE("http download: cache hit answers 304 without a body and a new ETag downloads again", "[http]") {
  ServedFile f("http-cache", mrun::test::sample_csv(2u << 20, 11));
  const std::string& v1 = f.content;
  auto& server = f.server;
  auto& dir = f.dir;
  const std::string& cached = f.cached;

  auto first = download(get(server, "/files/data.zip"), cached, fast_retries(3));
  CHECK(first.transferred);
  CHECK(first.bytes_received == v1.size());
  CHECK(slurp(cached) == v1);
  CHECK_FALSE(std::filesystem::exists(cached + ".part"));
  auto meta = complete_copy(cached);
  REQUIRE(meta);
  CHECK(meta->etag.size() == 34);  // quoted md5 from the server

  auto second = download(get(server, "/files/data.zip"), cached, fast_retries(3));
  CHECK_FALSE(second.transferred);
  CHECK(second.bytes_received == 0);
  CHECK(server_stat(server, "/files/data.zip", "statuses") == "200,304");
  CHECK(server_stat(server, "/files/data.zip", "body_bytes") == std::to_string(v1.size()));
  CHECK(slurp(cached) == v1);

  std::string v2 = mrun::test::sample_csv(1u << 20, 12);
  write_bytes(dir / "www/data.zip", v2);
  auto third = download(get(server, "/files/data.zip"), cached, fast_retries(3));
  CHECK(third.transferred);
  CHECK(slurp(cached) == v2);
  CHECK(server_stat(server, "/files/data.zip", "statuses") == "200,304,200");
}

TEST_CASE("http download: a dropped connection is resumed with Range from where it stopped", "[http]") {
  ServedFile f("http-resume", mrun::test::sample_csv(3u << 20, 21));
  const std::string& data = f.content;
  auto& server = f.server;
  const std::string& cached = f.cached;

  auto r = download(get(server, "/drop-at-1000000-times-1/data.zip"), cached, fast_retries(3));
  CHECK(r.transferred);
  CHECK(r.resumed);
  CHECK(r.attempts == 2);
  CHECK(slurp(cached) == data);
  CHECK(server_stat(server, "/drop-at-1000000-times-1/data.zip", "ranges") == "none,bytes=1000000-");
  CHECK(server_stat(server, "/drop-at-1000000-times-1/data.zip", "statuses") == "200,206");
  CHECK(server_stat(server, "/drop-at-1000000-times-1/data.zip", "body_bytes") == std::to_string(data.size()));
  CHECK(r.bytes_received == data.size());
}

TEST_CASE("http download: a stalled transfer times out and is resumed", "[http]") {
  ServedFile f("http-stall", mrun::test::sample_csv(1u << 20, 71));
  FetchOptions options = fast_retries(2);
  options.stall_timeout_s = 1;
  auto r = download(get(f.server, "/stall-at-300000-times-1/data.zip"), f.cached, options);
  CHECK(r.attempts == 2);
  CHECK(r.resumed);
  CHECK(slurp(f.cached) == f.content);
  CHECK(server_stat(f.server, "/stall-at-300000-times-1/data.zip", "ranges") == "none,bytes=300000-");
}

TEST_CASE("http download: a failed transfer leaves only a .part that the next run resumes", "[http]") {
  ServedFile f("http-part", mrun::test::sample_csv(2u << 20, 31));
  const std::string& data = f.content;
  auto& server = f.server;
  auto& dir = f.dir;
  const std::string& cached = f.cached;
  std::string path = "/drop-at-500000-times-2/data.zip";

  CHECK_THROWS_WITH(download(get(server, path), cached, fast_retries(1)), Catch::Contains("connection dropped"));
  CHECK_FALSE(std::filesystem::exists(cached));
  CHECK(std::filesystem::file_size(cached + ".part") == 500000);
  CHECK_FALSE(complete_copy(cached));

  // The second answer drops too (at 500000 bytes after the resume point);
  // the third completes.
  auto r = download(get(server, path), cached, fast_retries(3));
  CHECK(r.attempts == 2);
  CHECK(slurp(cached) == data);
  CHECK(server_stat(server, path, "ranges") == "none,bytes=500000-,bytes=1000000-");

  // The object changed while a .part of the old version was waiting: If-Range
  // makes the server send the whole new version.
  std::string v2 = mrun::test::sample_csv(1u << 20, 32);
  write_bytes(cached + ".part", data.substr(0, 1000));
  write_validators(cached + ".part.meta", {"\"stale-etag\"", "", data.size(), "test"});
  write_bytes(dir / "www/data.zip", v2);
  auto r2 = download(get(server, "/files/data.zip"), cached, fast_retries(1));
  CHECK(r2.transferred);
  CHECK_FALSE(r2.resumed);
  CHECK(slurp(cached) == v2);
}

TEST_CASE("http download: 5xx is retried then fails clearly but 4xx is not retried", "[http]") {
  ServedFile f("http-errors", "PK...");
  const std::string& data = f.content;
  auto& server = f.server;
  auto& dir = f.dir;
  const std::string& cached = f.cached;

  try {
    download(get(server, "/status-500-times-0/data.zip"), cached, fast_retries(3));
    FAIL("no error");
  } catch (const HttpError& e) {
    CHECK(e.status == 500);
    CHECK(e.code == "InternalError");
    CHECK_THAT(e.what(), Catch::Contains("HTTP 500 InternalError") && Catch::Contains("gave up after 3 attempts"));
  }
  CHECK(server_stat(server, "/status-500-times-0/data.zip", "requests") == "3");
  CHECK_FALSE(std::filesystem::exists(cached));

  CHECK(download(get(server, "/status-429-times-1/data.zip"), dir / "cache/slow.zip", fast_retries(2)).attempts == 2);
  auto ok = download(get(server, "/status-503-times-2/data.zip"), cached, fast_retries(3));
  CHECK(ok.attempts == 3);
  CHECK(slurp(cached) == data);

  CHECK_THROWS_WITH(download(get(server, "/status-404-times-0/data.zip"), dir / "cache/x", fast_retries(3)),
                    Catch::Contains("HTTP 404 NoSuchKey") && Catch::Contains("test server says 404"));
  CHECK(server_stat(server, "/status-404-times-0/data.zip", "requests") == "1");
  CHECK_THROWS_WITH(download(get(server, "/status-403-times-0/data.zip"), dir / "cache/x", fast_retries(3)),
                    Catch::Contains("HTTP 403 AccessDenied"));
  CHECK(server_stat(server, "/status-403-times-0/data.zip", "requests") == "1");

  write_bytes(dir / "a-file", "x");  // a cache directory that cannot be created
  CHECK_THROWS_AS(download(get(server, "/files/data.zip"), dir / "a-file/cache/x", fast_retries(1)), RunError);
}

TEST_CASE("http download: connection refused is retried and reported", "[http]") {
  ScratchDir dir("http-refused");
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(sock);  // nothing listens there now

  HttpRequest r;
  r.url = "http://127.0.0.1:" + std::to_string(port) + "/x.zip";
  r.display = r.url;
  CHECK_THROWS_WITH(download(r, dir / "cache/x.zip", fast_retries(2)),
                    Catch::Contains("could not connect") && Catch::Contains("gave up after 2 attempts"));
}

TEST_CASE("xml_element", "[http]") {
  CHECK(xml_element("<Error><Code>NoSuchBucket</Code></Error>", "Code") == "NoSuchBucket");
  CHECK(xml_element("<Error></Error>", "Code").empty());
}

TEST_CASE("http download: an ETag that is an MD5 is checked when asked", "[http]") {
  ServedFile f("http-md5", mrun::test::sample_csv(1u << 20, 61));
  HttpRequest good = get(f.server, "/files/data.zip");
  good.etag_is_md5 = true;
  CHECK(download(good, f.cached, fast_retries(2)).transferred);
  CHECK(slurp(f.cached) == f.content);

  HttpRequest bad = get(f.server, "/wrong-etag/data.zip");
  bad.etag_is_md5 = true;
  std::string other = f.dir / "cache/other.zip";
  CHECK_THROWS_WITH(download(bad, other, fast_retries(2)),
                    Catch::Contains("checksum mismatch") && Catch::Contains("gave up after 2 attempts"));
  CHECK_FALSE(std::filesystem::exists(other));
  CHECK_FALSE(std::filesystem::exists(other + ".part"));
  CHECK(mrun::test::server_stat(f.server, "/wrong-etag/data.zip", "requests") == "2");

  bad.etag_is_md5 = false;  // plain HTTP servers' ETags are opaque
  CHECK(download(bad, other, fast_retries(1)).transferred);
}

TEST_CASE("http download: two threads fetching the same object transfer it once", "[http]") {
  ServedFile f("http-concurrent", mrun::test::sample_csv(4u << 20, 81));
  DownloadResult a, b;
  std::thread t1([&] { a = download(get(f.server, "/files/data.zip"), f.cached, fast_retries(2)); });
  std::thread t2([&] { b = download(get(f.server, "/files/data.zip"), f.cached, fast_retries(2)); });
  t1.join();
  t2.join();
  CHECK(a.transferred != b.transferred);  // the second waited for the lock, then got 304
  CHECK(server_stat(f.server, "/files/data.zip", "statuses") == "200,304");
  CHECK(slurp(f.cached) == f.content);
}
