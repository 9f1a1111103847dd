#include "exec/worker_connection.h"

#include "db/connection.h"

namespace mrun::exec {

void WorkerConnection::open_for(const graph::Node& node) {
  if (url_.empty()) return;
  if (node.kind == graph::NodeKind::Seed) {
    queries_.reset();  // first: never two connections at once
    if (!copy_) copy_ = std::make_unique<db::PgConnection>(url_);
  } else {
    copy_.reset();
    if (!queries_) queries_ = db::connect(url_);
  }
}

void WorkerConnection::cancel() const {
  if (queries_) {
    try {
      queries_->cancel_query();
    } catch (const std::exception&) {
    }
  }
  if (copy_) copy_->cancel();
}

bool WorkerConnection::close_if_lost() {
  if (queries_ && !queries_->is_open()) {
    queries_.reset();
    return true;
  }
  if (copy_ && copy_->lost()) {
    copy_.reset();
    return true;
  }
  return false;
}

}  // namespace mrun::exec
