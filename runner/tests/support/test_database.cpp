#include "test_database.h"

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "db/embedded_postgres.h"
#include "db/quote.h"

namespace mrun::test {

namespace {
std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}
}  // namespace

std::string build_dir() { return env_or("MRUN_TEST_BUILD_DIR", std::filesystem::current_path().string()); }

std::string source_dir() { return env_or("MRUN_SOURCE_DIR", MRUN_SOURCE_DIR_DEFAULT); }

std::string mrun_binary() { return env_or("MRUN_BINARY", build_dir() + "/mrun"); }

std::string moviegen_binary() { return env_or("MRUN_MOVIEGEN", build_dir() + "/moviegen"); }

std::string fresh_database(const std::string& name) {
  db::EmbeddedPostgres pg(std::filesystem::path(build_dir()) / "test-pg");
  std::string url = pg.start();
  {
    pqxx::connection admin(url);
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + db::quote_identifier(name) + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + db::quote_identifier(name));
  }
  std::string marker = std::string("/") + db::EmbeddedPostgres::kDatabase + "?";
  return std::string(url).replace(url.find(marker), marker.size(), "/" + name + "?");
}

}  // namespace mrun::test
