#include "load/copy/pg_copy.h"

#include <libpq-fe.h>

#include <cstring>
#include <memory>

#include "util/error.h"

namespace mrun::load {

void append_copy_text(std::string& out, std::string_view value) {
  const char* p = value.data();
  const char* end = p + value.size();
  while (p < end) {
    const char* run = p;
    while (p < end && *p != '\\' && *p != '\t' && *p != '\n' && *p != '\r') ++p;
    out.append(run, p - run);
    if (p == end) break;
    out += '\\';
    switch (*p) {
      case '\\': out += '\\'; break;
      case '\t': out += 't'; break;
      case '\n': out += 'n'; break;
      default: out += 'r'; break;
    }
    ++p;
  }
}

CopyIn::CopyIn(PgConnection& connection, const std::string& copy_sql, size_t block_size)
    : connection_(connection), block_size_(block_size) {
  PGconn* conn = connection_.raw();
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, copy_sql.c_str()), PQclear);
  if (PQresultStatus(r.get()) != PGRES_COPY_IN) {
    open_ = false;
    throw RunError("COPY failed to start: " + connection_.error_message());
  }
  buffer_.reserve(block_size_ + (block_size_ >> 2));
  sender_ = std::thread([this] { sender_loop(); });
}

CopyIn::~CopyIn() {
  if (open_) {
    try {
      abort("aborted");
    } catch (...) {
    }
  }
  stop_sender();
}

void CopyIn::sender_loop() {
  constexpr size_t kMaxSpare = 3;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, nothing left
    std::string block = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    bool ok = send_error_.empty() &&
              PQputCopyData(connection_.raw(), block.data(), static_cast<int>(block.size())) == 1;
    lock.lock();
    if (!ok && send_error_.empty()) send_error_ = "COPY failed: " + connection_.error_message();
    block.clear();
    if (spare_.size() < kMaxSpare) spare_.push_back(std::move(block));
    changed_.notify_all();
  }
}

void CopyIn::stop_sender() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (sender_.joinable()) sender_.join();
}

void CopyIn::send() {
  constexpr size_t kMaxQueued = 2;
  if (buffer_.empty()) return;
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxQueued || !send_error_.empty(); });
  if (!send_error_.empty()) throw RunError(send_error_);
  queue_.push_back(std::move(buffer_));
  if (!spare_.empty()) {
    buffer_ = std::move(spare_.back());
    spare_.pop_back();
  } else {
    buffer_ = std::string();
    buffer_.reserve(block_size_ + (block_size_ >> 2));
  }
  changed_.notify_all();
}

long long CopyIn::finish() {
  send();
  stop_sender();  // every queued block is sent
  open_ = false;
  PGconn* conn = connection_.raw();
  if (!send_error_.empty()) {
    PQputCopyEnd(conn, "client failed to send");
    try {
      connection_.collect_results("COPY failed");
    } catch (const RunError&) {
    }
    throw RunError(send_error_);
  }
  if (PQputCopyEnd(conn, nullptr) != 1) throw RunError("COPY failed: " + connection_.error_message());
  return connection_.collect_results("COPY failed");
}

void CopyIn::abort(const std::string& why) {
  open_ = false;
  buffer_.clear();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
  }
  stop_sender();
  PGconn* conn = connection_.raw();
  PQputCopyEnd(conn, why.c_str());
  try {
    connection_.collect_results("COPY aborted");
  } catch (const RunError&) {
    // expected: the server reports the abort we asked for
  }
}

}  // namespace mrun::load
