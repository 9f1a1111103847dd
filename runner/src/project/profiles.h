// profiles.yml: named connection targets, as in dbt. Values may use
// {{ env_var('X') }} / {{ env_var('X', 'default') }}.
#pragma once

#include <optional>
#include <string>

#include "util/error.h"

namespace mrun::project {

/// The most parallel connections a run may use (`threads:`, `--threads`).
constexpr int kMaxThreads = 64;

/// One output of a profile, resolved.
struct ProfileTarget {
  std::string profile;        ///< profile name
  std::string name;           ///< target name ("dev")
  std::string type;           ///< "postgres" or "embedded"
  std::string url;            ///< libpq URI built from the fields (empty for embedded)
  std::string schema = "public";
  int threads = 0;            ///< 0: not set
  std::string file;           ///< the profiles.yml it came from
};

/// Replaces each {{ env_var('NAME') }} or {{ env_var('NAME', 'default') }} in
/// `text`. Throws ConfigError at `where` when a variable is unset and has no
/// default.
std::string substitute_env_vars(const std::string& text, const SourceLocation& where);

/// Finds `profile_name` in the first profiles.yml that exists among
/// `profiles_dir` (when not empty), `project_dir`, and ~/.mrun, and resolves
/// `target_name` (else the profile's `target`, else "dev"). Returns nullopt
/// when no file defines the profile. Throws ConfigError with file:line:col
/// for a malformed file, an unknown target, an unsupported type, or
/// `threads` that is not a whole number from 1 to kMaxThreads.
std::optional<ProfileTarget> find_profile_target(const std::string& profiles_dir, const std::string& project_dir,
                                                 const std::string& profile_name, const std::string& target_name);

}  // namespace mrun::project
