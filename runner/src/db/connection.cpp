#include "db/connection.h"

#include "util/error.h"
#include "util/redact.h"

namespace mrun::db {

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  try {
    return std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    // libpq quotes a URI it cannot parse, password included.
    throw RunError("cannot connect to " + redact_passwords(url) + ": " + redact_message(e.what(), url),
                   /*transient=*/true);
  }
}

}  // namespace mrun::db
