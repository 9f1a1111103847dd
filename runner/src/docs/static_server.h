// The server of `mrun docs serve`: the files of one folder over HTTP on
// 127.0.0.1 only (cpp-httplib), nothing generated. GET and HEAD; a path
// outside the folder is refused by the library.
#pragma once

#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace mrun::docs {

/// Serves `root` on 127.0.0.1.
class StaticServer {
 public:
  /// Binds 127.0.0.1:`port` (0: any free port). Throws ConfigError when
  /// `root` is no folder and RunError naming the port when it is taken.
  StaticServer(const std::string& root, int port);
  ~StaticServer();
  StaticServer(const StaticServer&) = delete;
  StaticServer& operator=(const StaticServer&) = delete;

  /// The port it listens on.
  int port() const { return port_; }

  /// Serves until SIGINT or SIGTERM (util/interrupt.h), then returns.
  void run_until_interrupted();

  /// Serves until stop() (for tests: call from another thread).
  void run();
  void stop();

 private:
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

}  // namespace mrun::docs
