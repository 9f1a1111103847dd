#include "project/package_version.h"

#include <catch2/catch.hpp>

using namespace mrun::project;

namespace {

std::vector<PackageVersion> versions(const std::vector<std::string>& texts) {
  std::vector<PackageVersion> out;
  for (const auto& t : texts) out.push_back(*parse_package_version(t));
  return out;
}

std::vector<VersionConstraint> constraints(const std::vector<std::string>& texts) {
  std::vector<VersionConstraint> out;
  for (const auto& t : texts) out.push_back(*parse_version_constraint(t));
  return out;
}

std::string best(const std::vector<std::string>& available, const std::vector<std::string>& wanted,
                 bool prerelease = false) {
  auto v = highest_allowed(versions(available), constraints(wanted), prerelease);
  return v ? v->str() : "none";
}

}  // namespace

TEST_CASE("package versions: parsing and semantic precedence") {
  CHECK(parse_package_version("1.2.3")->str() == "1.2.3");
  CHECK(parse_package_version("v0.9.0")->str() == "0.9.0");
  CHECK(parse_package_version("1.0.0-rc.1+build5")->str() == "1.0.0-rc.1");
  CHECK_FALSE(parse_package_version("1.0"));
  CHECK_FALSE(parse_package_version("1.x.0"));
  auto cmp = [](const char* a, const char* b) { return compare_versions(*parse_package_version(a), *parse_package_version(b)); };
  CHECK(cmp("1.10.0", "1.9.0") == 1);
  CHECK(cmp("1.0.0-b1", "1.0.0") == -1);
  CHECK(cmp("1.0.0-rc.2", "1.0.0-rc.10") == -1);  // numeric identifiers as numbers
  CHECK(cmp("1.0.0-alpha", "1.0.0-1") == 1);
  CHECK(cmp("2.0.0", "2.0.0") == 0);
}

TEST_CASE("package versions: the highest version every constraint allows") {
  std::vector<std::string> hub = {"0.9.0", "1.0.0", "1.1.1", "1.2.0-b1", "2.0.0"};
  CHECK(best(hub, {">=1.0.0", "<2.0.0"}) == "1.1.1");
  CHECK(best(hub, {">=0.9.0"}) == "2.0.0");
  CHECK(best(hub, {"1.0.0"}) == "1.0.0");
  CHECK(best(hub, {"=1.0.0"}) == "1.0.0");
  CHECK(best(hub, {"<= 1.0.0"}) == "1.0.0");
  CHECK(best(hub, {">1.1.1", "<2.0.0"}) == "none");  // only a prerelease there
  CHECK(best(hub, {">1.1.1", "<2.0.0"}, true) == "1.2.0-b1");
  CHECK(best(hub, {"1.2.0-b1"}) == "1.2.0-b1");  // named exactly
  CHECK(best(hub, {">=2.0.0", "<2.0.0"}) == "none");
  CHECK_FALSE(parse_version_constraint("~>1.0.0"));
}
