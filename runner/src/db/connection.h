// libpqxx connections, for queries. With db/pg_connection.h (raw libpq, for
// COPY and cancel) this module is the one place that opens database
// connections and hides passwords.
#pragma once

#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace mrun::db {

/// Opens a connection to a libpq URI or key=value string. Throws RunError
/// whose message names the target with its password removed.
std::unique_ptr<pqxx::connection> connect(const std::string& url);

/// `url` with any password replaced by "****" (URI user:password@, a
/// `password=` key or query parameter). Use it for everything printed.
std::string redact_password(const std::string& url);

}  // namespace mrun::db
