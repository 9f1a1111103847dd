#include "db/conninfo.h"

#include <cstdlib>
#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

namespace mrun::db {

namespace {

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

std::string database_name(const std::string& conninfo) {
  if (conninfo.empty()) return "";
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    PQfreemem(error);
    return "";
  }
  std::string dbname, user;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    if (std::string(o->keyword) == "dbname") dbname = o->val;
    if (std::string(o->keyword) == "user") user = o->val;
  }
  PQconninfoFree(options);
  if (dbname.empty()) dbname = env_or_empty("PGDATABASE");
  if (user.empty()) user = env_or_empty("PGUSER");
  if (user.empty()) {
    if (const passwd* pw = getpwuid(geteuid())) user = pw->pw_name;
  }
  return dbname.empty() ? user : dbname;
}

}  // namespace mrun::db
