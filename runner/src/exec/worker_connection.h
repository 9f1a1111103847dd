// The database connection of one scheduler worker. A worker runs one node at
// a time, so it holds one connection: libpqxx (db/connection.h) for models
// and tests, raw libpq (db/pg_connection.h) for a seed, whose COPY streams in
// large blocks through libpq. The kind a node needs is opened when the node
// starts, and the other kind is closed then, so a run with --threads N holds
// at most N connections (and the run lock's); a worker that runs seeds, or
// models and tests, one after another keeps its connection.
#pragma once

#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "db/pg_connection.h"
#include "graph/manifest.h"

namespace mrun::exec {

class WorkerConnection {
 public:
  /// Connects to `url` when a node needs it; an empty url: no database (compile).
  explicit WorkerConnection(std::string url) : url_(std::move(url)) {}

  /// Makes the connection `node` needs the open one: raw libpq for a seed,
  /// libpqxx for everything else. Throws a transient RunError when it
  /// cannot connect.
  void open_for(const graph::Node& node);

  /// The libpqxx connection, or nullptr (compile, or a seed's turn).
  pqxx::connection* queries() const { return queries_.get(); }
  /// The raw libpq connection, or nullptr (unless a seed's turn).
  db::PgConnection* copy() const { return copy_.get(); }

  /// Asks the server to cancel the statement running on the open
  /// connection (best effort). Safe from another thread while a node runs
  /// on it, not while open_for() switches it.
  void cancel() const;

  /// Closes the open connection when the server ended it (so the next node
  /// reconnects); true when it did.
  bool close_if_lost();

 private:
  std::string url_;
  std::unique_ptr<pqxx::connection> queries_;
  std::unique_ptr<db::PgConnection> copy_;
};

}  // namespace mrun::exec
