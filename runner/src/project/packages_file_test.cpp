#include "project/packages_file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

using namespace mrun;
using namespace mrun::project;
namespace fs = std::filesystem;

namespace {

using Files = std::map<std::string, std::string>;

// A scratch project folder holding `files` (name -> text).
struct Folder {
  fs::path path = fs::temp_directory_path() / ("mrun-packages-file-" + std::to_string(getpid()));
  explicit Folder(const std::map<std::string, std::string>& files) {
    fs::remove_all(path);
    fs::create_directories(path);
    for (const auto& [name, text] : files) std::ofstream(path / name) << text;
  }
  ~Folder() { fs::remove_all(path); }
};

std::string error_of(const std::string& packages_yml) {
  Folder dir(Files{{"packages.yml", packages_yml}});
  try {
    load_packages_file(dir.path.string());
  } catch (const ConfigError& e) {
    return std::string(e.what());
  }
  return "no error";
}

}  // namespace

TEST_CASE("packages.yml: local, git and hub entries") {
  Folder dir(Files{{"packages.yml", "packages:\n"
                               "  - local: ../shared\n"
                               "  - git: https://example.com/pkg.git\n"
                               "    revision: 0.9.2\n"
                               "    subdirectory: inner\n"
                               "    warn-unpinned: false\n"
                               "  - package: dbt-labs/dbt_utils\n"
                               "    version: [\">=1.0.0\", \"<2.0.0\"]\n"
                               "    colour: red\n"}});
  auto file = load_packages_file(dir.path.string());
  REQUIRE(file);
  REQUIRE(file->packages.size() == 3);
  CHECK(file->packages[0].source == PackageSource::Local);
  CHECK(file->packages[0].key() == "local:../shared");
  const PackageSpec& git = file->packages[1];
  CHECK(git.key() == "git:https://example.com/pkg");
  CHECK(git.revision == "0.9.2");
  CHECK(git.subdirectory == "inner");
  CHECK_FALSE(git.warn_unpinned);
  const PackageSpec& hub = file->packages[2];
  CHECK(hub.key() == "hub:dbt-labs/dbt_utils");
  REQUIRE(hub.version.size() == 2);
  CHECK(hub.version[1].text == "<2.0.0");
  CHECK(hub.where.line == 7);
  REQUIRE(file->warnings.size() == 1);
  CHECK(file->warnings[0].find("packages.yml:9:5: unknown package key 'colour'") != std::string::npos);
}

TEST_CASE("packages.yml: dependencies.yml's packages when there is no packages.yml, and never both") {
  Folder only(Files{{"dependencies.yml", "packages:\n  - package: a/b\n    version: 1.0.0\nprojects:\n  - name: other\n"}});
  auto file = load_packages_file(only.path.string());
  REQUIRE(file);
  CHECK(file->packages.size() == 1);
  REQUIRE(file->warnings.size() == 1);
  CHECK(file->warnings[0].find("'projects:' (dbt Mesh") != std::string::npos);
  Folder both(Files{{"dependencies.yml", "packages:\n  - package: a/b\n    version: 1.0.0\n"},
               {"packages.yml", "packages:\n  - package: a/c\n    version: 1.0.0\n"}});
  CHECK_THROWS_WITH(load_packages_file(both.path.string()), Catch::Contains("both packages.yml and dependencies.yml"));
}

TEST_CASE("packages.yml: malformed entries are errors at their place") {
  CHECK(error_of("packages:\n  - package: dbt_utils\n    version: 1.0.0\n") ==
        "packages.yml:2:14: package 'dbt_utils' must be the hub's org/name, e.g. dbt-labs/dbt_utils");
  CHECK(error_of("packages:\n  - package: a/b\n") ==
        "packages.yml:2:5: package a/b needs a version (hub packages are pinned: version: \"1.0.0\" or version: "
        "[\">=1.0.0\", \"<2.0.0\"])");
  CHECK(error_of("packages:\n  - package: a/b\n    version: [\">=1.0\"]\n") ==
        "packages.yml:3:15: invalid version '>=1.0' for package a/b (expected MAJOR.MINOR.PATCH, optionally after "
        ">=, >, <=, < or =)");
  CHECK(error_of("packages:\n  - local: x\n    git: y\n") ==
        "packages.yml:2:5: a package entry names more than one of local:, git: and package:");
  CHECK(error_of("packages:\n  - git: y\n    subdirectory: ../up\n") ==
        "packages.yml:3:19: subdirectory must be a folder inside the repository");
  CHECK(error_of("packages:\n  - tarball: https://x/y.tgz\n    name: y\n") ==
        "packages.yml:2:5: 'tarball:' packages are not supported by mrun deps (use local:, git: or package:)");
  CHECK(error_of("packages: {a: 1}\n") == "packages.yml:1:11: packages must be a list");
}

TEST_CASE("package-lock.yml: written in dbt's shape, read back, and its hash follows packages.yml") {
  Folder dir(Files{{"packages.yml", "packages:\n  - package: a/b\n    version: [\">=1.0.0\"]\n  - local: ../x\n"}});
  auto file = load_packages_file(dir.path.string());
  REQUIRE(file);
  std::string hash = packages_sha1(file->packages);
  CHECK(hash.size() == 40);
  std::vector<PackageSpec> reversed(file->packages.rbegin(), file->packages.rend());
  CHECK(packages_sha1(reversed) == hash);  // the order of entries does not matter

  std::vector<PackageSpec> pinned = file->packages;
  pinned[0].version = {*parse_version_constraint("1.2.0")};
  pinned[0].name = "b";
  pinned[1].name = "x";
  std::string lock = package_lock_text(pinned, hash);
  CHECK(lock == "packages:\n  - package: a/b\n    version: 1.2.0\n    name: b\n  - local: ../x\n    name: x\n"
                "sha1_hash: " + hash + "\n");
  std::ofstream(dir.path / "package-lock.yml") << lock;
  auto read = load_package_lock(dir.path.string());
  REQUIRE(read);
  CHECK(read->sha1_hash == hash);
  REQUIRE(read->packages.size() == 2);
  CHECK(read->packages[0].version[0].version.str() == "1.2.0");
  CHECK(read->packages[1].name == "x");
}

TEST_CASE("package-lock.yml: sha1_hash as dbt computes it from the entries") {
  // dbt: sha1("\n".join(sorted(json.dumps(entry, sort_keys=True) for entry in packages)))
  Folder dir(Files{{"packages.yml", "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.3\n"
                                    "  - package: godatadriven/dbt_date\n    version: 0.17.1\n"
                                    "  - git: \"https://github.com/dbt-labs/dbt-audit-helper.git\"\n    revision: main\n"}});
  auto file = load_packages_file(dir.path.string());
  REQUIRE(file);
  CHECK(file->packages[0].canonical == "{\"package\": \"dbt-labs/dbt_utils\", \"version\": \"1.3.3\"}");
  CHECK(packages_sha1(file->packages) == "7fea4c33829bb91947c74029f7c65fb3904225d8");  // Python's result
}
