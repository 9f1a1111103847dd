// Helpers shared by the fetch tests (runner/src/load/*dataset*_test.cpp,
// http_fetch_test.cpp, s3_*_test.cpp) and the alert tests (runner/src/notify,
// integration/alerts_test.cpp): scratch directories, reading streams, and
// local test servers started as child processes on 127.0.0.1.
#pragma once

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "load/dataset.h"
#include "test_database.h"

namespace mrun::test {

/// A fresh, empty directory under the build tree, removed on destruction.
struct ScratchDir {
  std::filesystem::path path;
  /// Creates build/fetch-scratch/<name>-<pid>, emptied first.
  explicit ScratchDir(const std::string& name) {
    path = std::filesystem::path(build_dir()) / "fetch-scratch" / (name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  /// `path / rel` as a string.
  std::string operator/(const std::string& rel) const { return (path / rel).string(); }
};

/// Everything a stream yields, read `step` bytes at a time (odd-sized by default).
inline std::string read_all(load::ByteStream& stream, size_t step = 65521) {
  std::string out;
  std::vector<char> buf(step);
  for (size_t n; (n = stream.read(buf.data(), buf.size())) > 0;) out.append(buf.data(), n);
  return out;
}

/// Writes `content` to `path`, creating parent folders.
inline void write_bytes(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(content.data(),
                                                                 static_cast<std::streamsize>(content.size()));
}

/// The whole content of `path` ("" when missing).
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// `bytes` of CSV-like, compressible but not trivially repetitive text.
inline std::string sample_csv(size_t bytes, unsigned seed = 1) {
  std::string out = "id,name,score\n";
  unsigned x = seed;
  for (size_t i = 1; out.size() < bytes; ++i) {
    x = x * 1103515245u + 12345u;
    out += std::to_string(i) + ",name_" + std::to_string((x >> 8) % 5000) + "," + std::to_string((x >> 4) % 1000) +
           "\n";
  }
  out.resize(bytes);
  return out;
}

/// `bytes` of incompressible pseudo-random bytes (all 256 values).
inline std::string random_bytes(size_t bytes, unsigned seed = 1) {
  std::string out(bytes, '\0');
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (char& c : out) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift64
    c = static_cast<char>(x >> 24);
  }
  return out;
}

/// A test server child process (python3 or node) that prints "PORT <n>" on
/// its first stdout line once it listens on 127.0.0.1. Killed on destruction.
class LocalServer {
 public:
  /// Starts argv (argv[0] an absolute path) and waits for its port; throws
  /// std::runtime_error with its output when it exits or prints something else.
  explicit LocalServer(const std::vector<std::string>& argv) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      setpgid(0, 0);  // the server and anything it spawns die together
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // and with the test, even if it crashes
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
      _exit(127);
    }
    close(fds[1]);
    std::string line;
    char c;
    while (::read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    close(fds[0]);
    if (!line.starts_with("PORT ")) {
      stop();
      std::string command;
      for (const auto& a : argv) command += " " + a;
      throw std::runtime_error("test server did not start:" + command + ": " + line);
    }
    port_ = std::stoi(line.substr(5));
  }
  ~LocalServer() { stop(); }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  /// The port it listens on.
  int port() const { return port_; }
  /// "http://127.0.0.1:<port>".
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  void stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGTERM);
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  pid_t pid_ = -1;
  int port_ = 0;
};

/// Path of a file under runner/tests/fetch/.
inline std::string fetch_script(const std::string& name) {
  return source_dir() + "/runner/tests/fetch/" + name;
}

}  // namespace mrun::test

#include <curl/curl.h>

namespace mrun::test {

/// GET `url` and return the body ("" on failure); for test servers' /_stats.
inline std::string http_get_text(const std::string& url) {
  std::string body;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) {
    static_cast<std::string*>(u)->append(d, s * n);
    return s * n;
  });
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return body;
}

/// One line of http_test_server.py's /_stats answer for `path` (e.g. "ranges").
inline std::string server_stat(const LocalServer& server, const std::string& path, const std::string& key) {
  std::istringstream in(http_get_text(server.url() + "/_stats" + path));
  for (std::string k, v; in >> k >> v;)
    if (k == key) return v;
  return "";
}

/// The POSTs http_test_server.py received at `path`: a JSON list of
/// {"headers": {...}, "body": "..."} as text.
inline std::string server_posts(const LocalServer& server, const std::string& path) {
  return http_get_text(server.url() + "/_posts" + path);
}

}  // namespace mrun::test
