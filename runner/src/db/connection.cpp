#include "db/connection.h"

#include <regex>

#include "util/error.h"

namespace mrun::db {

std::string redact_password(const std::string& url) {
  static const std::regex uri_password(R"(^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@)");
  static const std::regex key_password(R"((^|[\s?&])password=('[^']*'|[^\s&]*))");
  std::string out = std::regex_replace(url, uri_password, "$1:****@");
  return std::regex_replace(out, key_password, "$1password=****");
}

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  try {
    return std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    // libpq messages do not contain the password, but the URL we print must not either.
    throw RunError("cannot connect to " + redact_password(url) + ": " + e.what());
  }
}

}  // namespace mrun::db
