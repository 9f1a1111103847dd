// The database target a run writes to (dbt's `target`).
#pragma once

#include <string>

namespace mrun::parse {

/// Where and how models are built.
struct Target {
  std::string name = "dev";        ///< target name (profile output, "env" or "embedded")
  std::string type = "postgres";   ///< adapter type shown as target.type
  std::string schema = "public";   ///< default schema for models
  std::string url;                 ///< libpq URI (contains the password; never print it unredacted)
  std::string origin;              ///< how it was chosen, for `mrun debug`
  int threads = 4;
  bool embedded = false;
};

}  // namespace mrun::parse
