// libpqxx connections, for queries. With db/pg_connection.h (raw libpq, for
// COPY and cancel) this module is the one place that opens database
// connections (passwords are hidden by util/redact.h).
#pragma once

#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace mrun::db {

/// Opens a connection to a libpq URI or key=value string. Throws a transient
/// RunError (exit code 3) whose message names the target and quotes libpq's
/// reason, both with the password removed (redact_message).
std::unique_ptr<pqxx::connection> connect(const std::string& url);

}  // namespace mrun::db
