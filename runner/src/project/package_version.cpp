#include "project/package_version.h"

#include <algorithm>
#include <regex>

#include "util/strings.h"

namespace mrun::project {

namespace {

// Precedence of two prerelease texts ("" is a release, above any prerelease):
// dot-separated identifiers, numeric ones compared as numbers and below
// alphanumeric ones.
int compare_prerelease(const std::string& a, const std::string& b) {
  if (a == b) return 0;
  if (a.empty()) return 1;
  if (b.empty()) return -1;
  std::vector<std::string> left = split(a, '.'), right = split(b, '.');
  for (size_t i = 0; i < std::min(left.size(), right.size()); ++i) {
    const std::string &x = left[i], &y = right[i];
    bool x_numeric = !x.empty() && std::all_of(x.begin(), x.end(), ::isdigit);
    bool y_numeric = !y.empty() && std::all_of(y.begin(), y.end(), ::isdigit);
    if (x_numeric && y_numeric) {
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (x != y) return x < y ? -1 : 1;
    } else if (x_numeric != y_numeric) {
      return x_numeric ? -1 : 1;
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  if (left.size() == right.size()) return 0;
  return left.size() < right.size() ? -1 : 1;
}

}  // namespace

std::string PackageVersion::str() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  return prerelease.empty() ? out : out + "-" + prerelease;
}

std::optional<PackageVersion> parse_package_version(const std::string& text) {
  static const std::regex kVersion(R"(^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$)");
  std::smatch m;
  std::string trimmed(trim(text));
  if (!std::regex_match(trimmed, m, kVersion)) return std::nullopt;
  try {
    return PackageVersion{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), m[4]};
  } catch (const std::out_of_range&) {
    return std::nullopt;
  }
}

int compare_versions(const PackageVersion& a, const PackageVersion& b) {
  for (auto [x, y] : {std::pair{a.major, b.major}, {a.minor, b.minor}, {a.patch, b.patch}})
    if (x != y) return x < y ? -1 : 1;
  return compare_prerelease(a.prerelease, b.prerelease);
}

bool VersionConstraint::allows(const PackageVersion& v) const {
  int c = compare_versions(v, version);
  if (op == ">") return c > 0;
  if (op == ">=") return c >= 0;
  if (op == "<") return c < 0;
  if (op == "<=") return c <= 0;
  return c == 0;
}

std::optional<VersionConstraint> parse_version_constraint(const std::string& text) {
  std::string rest(trim(text));
  std::string op = "=";
  for (const char* candidate : {">=", "<=", ">", "<", "="}) {
    if (rest.rfind(candidate, 0) == 0) {
      op = candidate;
      rest = std::string(trim(rest.substr(op.size())));
      break;
    }
  }
  std::optional<PackageVersion> version = parse_package_version(rest);
  if (!version) return std::nullopt;
  return VersionConstraint{op, *version, std::string(trim(text))};
}

std::optional<PackageVersion> highest_allowed(const std::vector<PackageVersion>& available,
                                              const std::vector<VersionConstraint>& constraints, bool prerelease) {
  bool names_prerelease = std::any_of(constraints.begin(), constraints.end(), [](const VersionConstraint& c) {
    return c.op == "=" && !c.version.prerelease.empty();
  });
  std::optional<PackageVersion> best;
  for (const PackageVersion& v : available) {
    if (!v.prerelease.empty() && !prerelease && !names_prerelease) continue;
    if (!std::all_of(constraints.begin(), constraints.end(), [&v](const VersionConstraint& c) { return c.allows(v); }))
      continue;
    if (!best || compare_versions(v, *best) > 0) best = v;
  }
  return best;
}

}  // namespace mrun::project
