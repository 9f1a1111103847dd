// Versions of hub packages and the constraints packages.yml puts on them, as
// dbt reads them (dbt's semver): MAJOR.MINOR.PATCH with an optional
// -prerelease and +build, and constraints "1.2.3" (exact), ">=1.0.0",
// "<2.0.0", ">", "<=", "=" — a list of them must all hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mrun::project {

/// A semantic version.
struct PackageVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::string prerelease;  ///< "b1" in 1.0.0-b1; empty for a release

  /// "1.2.3" or "1.2.3-b1".
  std::string str() const;
};

/// `text` ("1.2.3", "v1.2.3", "1.0.0-rc.1+build") as a version; nullopt when
/// it is not MAJOR.MINOR.PATCH.
std::optional<PackageVersion> parse_package_version(const std::string& text);

/// Semantic version precedence: -1, 0 or 1 (a prerelease sorts before its release).
int compare_versions(const PackageVersion& a, const PackageVersion& b);

/// One constraint: an operator ("=", ">", ">=", "<", "<=") and a version.
struct VersionConstraint {
  std::string op = "=";
  PackageVersion version;
  std::string text;  ///< as written, e.g. ">=1.0.0"

  bool allows(const PackageVersion& v) const;
};

/// `text` (">=1.0.0", "1.2.3", "< 2.0.0") as a constraint; nullopt when malformed.
std::optional<VersionConstraint> parse_version_constraint(const std::string& text);

/// The highest of `available` that every constraint allows, nullopt when
/// none does. Prereleases are candidates only with `prerelease` or when a
/// constraint names a prerelease exactly (dbt's install-prerelease).
std::optional<PackageVersion> highest_allowed(const std::vector<PackageVersion>& available,
                                              const std::vector<VersionConstraint>& constraints, bool prerelease);

}  // namespace mrun::project
