// What a libpq connection string says without connecting.
#pragma once

#include <string>

namespace mrun::db {

/// The database a libpq URI or key=value string connects to, as libpq
/// chooses it: its dbname, else PGDATABASE, else its user (PGUSER, else the
/// login name). "" for an empty or malformed string.
std::string database_name(const std::string& conninfo);

}  // namespace mrun::db
