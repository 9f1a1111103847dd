#include "docs/static_server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "util/error.h"
#include "util/interrupt.h"

namespace mrun::docs {

StaticServer::StaticServer(const std::string& root, int port) : server_(std::make_unique<httplib::Server>()) {
  if (!std::filesystem::is_directory(root)) throw ConfigError(root + " is not a folder");
  if (!server_->set_mount_point("/", root)) throw ConfigError("cannot serve " + root);
  // The library's default adds SO_REUSEPORT, with which a second server
  // binds a port that one listens on already: SO_REUSEADDR alone refuses it.
  server_->set_socket_options([](int socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  if (port == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ < 0) throw RunError("cannot listen on 127.0.0.1: no free port");
  } else if (server_->bind_to_port("127.0.0.1", port)) {
    port_ = port;
  } else {
    throw RunError("cannot listen on 127.0.0.1:" + std::to_string(port) +
                   ": the port is taken (another program listens there); choose another with --port N");
  }
}

StaticServer::~StaticServer() = default;

void StaticServer::run() { server_->listen_after_bind(); }

void StaticServer::stop() { server_->stop(); }

void StaticServer::run_until_interrupted() {
  InterruptGuard guard;
  std::atomic<bool> finished = false;
  std::thread watcher([this, &finished] {
    while (!interrupted() && !finished) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop();
  });
  run();
  finished = true;
  watcher.join();
}

}  // namespace mrun::docs
