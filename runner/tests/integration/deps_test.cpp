// `mrun deps` end to end through the binary: local folders, a git
// repository made here (`git init --bare`, commits, tags), and a package
// hub served on 127.0.0.1 (cpp-httplib) with the hub API's JSON and
// tarballs made with tar; transitive dependencies, package-lock.yml and
// the errors (runner/tests/projects/packages).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_runner.h"
#include "test_database.h"
#include "util/process.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::string run(const std::vector<std::string>& argv, const fs::path& dir) {
  mrun::ProcessResult r = mrun::run_process(argv, dir.string());
  INFO(mrun::join(argv, " ") << ": " << r.output);
  REQUIRE(r.exit_code == 0);
  return std::string(mrun::trim(r.output));
}

// A dbt package named `name` in `dir`, with a macro and its own packages.yml.
void make_package(const fs::path& dir, const std::string& name, const std::string& packages_yml = "") {
  write(dir / "dbt_project.yml", "name: " + name + "\nversion: '1.0'\n");
  write(dir / "macros" / (name + ".sql"), "{% macro " + name + "_hello() %}'" + name + "'{% endmacro %}\n");
  if (!packages_yml.empty()) write(dir / "packages.yml", packages_yml);
}

// A bare git repository at `root`/repo.git whose tag v1 and branch main hold
// a package in the subdirectory "pkg"; v2 (on main) adds a file.
struct GitRepository {
  fs::path bare;
  std::string v1_commit;
  std::string v2_commit;
  explicit GitRepository(const fs::path& root) {
    bare = root / "repo.git";
    fs::path work = root / "repo-work";
    run({"git", "init", "--quiet", "--bare", bare.string()}, root);
    run({"git", "init", "--quiet", "-b", "main", work.string()}, root);
    make_package(work / "pkg", "git_pkg");
    write(work / "README.md", "not a package file\n");
    commit_and_tag(work, "v1");
    v1_commit = run({"git", "rev-parse", "HEAD"}, work);
    write(work / "pkg" / "models" / "from_v2.sql", "select 2 as v\n");
    commit_and_tag(work, "v2");
    v2_commit = run({"git", "rev-parse", "HEAD"}, work);
    run({"git", "push", "--quiet", "--tags", bare.string(), "main"}, work);
  }
  static void commit_and_tag(const fs::path& work, const std::string& tag) {
    run({"git", "add", "-A"}, work);
    run({"git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", tag}, work);
    run({"git", "tag", tag}, work);
  }
};

// A package hub on 127.0.0.1: api/v1/<org>/<name>.json and tarballs, as
// hub.getdbt.com serves them, from files under `root`.
class LocalHub {
 public:
  explicit LocalHub(fs::path root) : root_(std::move(root)) {
    fs::create_directories(root_);
    server_.set_mount_point("/", root_.string());
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~LocalHub() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

  /// Publishes version `version` of org/name: a tarball with one top folder
  /// (as GitHub's codeload makes them) and its entry in the index, listing
  /// `dependencies` (hub API `packages`).
  void publish(const std::string& org, const std::string& name, const std::string& version,
               const nlohmann::json& dependencies = nlohmann::json::array()) {
    fs::path staging = root_ / "staging" / (name + "-" + version);
    make_package(staging, name);
    fs::path tarball = root_ / "tarballs" / (org + "-" + name + "-" + version + ".tar.gz");
    fs::create_directories(tarball.parent_path());
    run({"tar", "-czf", tarball.string(), "-C", staging.parent_path().string(), staging.filename().string()}, root_);
    fs::path index_path = root_ / "api" / "v1" / org / (name + ".json");
    nlohmann::json index = fs::exists(index_path) ? nlohmann::json::parse(mrun::read_file(index_path.string()))
                                                  : nlohmann::json{{"name", name}, {"namespace", org}, {"versions", {}}};
    index["versions"][version] = {
        {"id", org + "/" + name + "/" + version}, {"name", name}, {"version", version}, {"packages", dependencies},
        {"downloads", {{"tarball", url() + "tarballs/" + tarball.filename().string()}, {"format", "tgz"}}}};
    index["latest"] = version;
    write(index_path, index.dump(2));
  }

 private:
  fs::path root_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// The packages' scratch folder for one test, beside the project copy.
fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(mrun::test::build_dir()) / "test-projects" / (name + "-packages");
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("mrun deps installs local, git and hub packages with their dependencies, and honours package-lock.yml") {
  ProjectFixture p("deps_root", "it_deps_install");
  fs::path shared = scratch("it_deps_install");
  make_package(shared / "local_pkg", "local_pkg");
  GitRepository git(shared);
  LocalHub hub(shared / "hub");
  hub.publish("acme", "base_utils", "1.0.0");
  hub.publish("acme", "base_utils", "1.4.0");
  hub.publish("acme", "base_utils", "2.0.0");
  hub.publish("acme", "dates", "0.3.0", {{{"package", "acme/base_utils"}, {"version", {">=1.0.0", "<2.0.0"}}}});
  setenv("MRUN_HUB_URL", hub.url().c_str(), 1);

  fs::path local_rel = fs::relative(shared / "local_pkg", p.dir());
  p.write("packages.yml", "packages:\n"
                          "  - local: " + local_rel.string() + "\n"
                          "  - git: file://" + git.bare.string() + "\n"
                          "    revision: v1\n"
                          "    subdirectory: pkg\n"
                          "  - package: acme/dates\n"
                          "    version: \">=0.1.0\"\n");
  auto deps = p.mrun({"deps"});
  INFO(output_of(deps));
  REQUIRE(deps.exit_code == 0);
  fs::path installed = fs::path(p.dir()) / "dbt_packages";
  // local: a symbolic link to the folder, as dbt makes it.
  CHECK(fs::is_symlink(installed / "local_pkg"));
  CHECK(fs::equivalent(installed / "local_pkg", shared / "local_pkg"));
  // git: the subdirectory at the tag, without .git or the rest of the repository.
  CHECK(fs::exists(installed / "git_pkg" / "macros" / "git_pkg.sql"));
  CHECK_FALSE(fs::exists(installed / "git_pkg" / "models" / "from_v2.sql"));
  CHECK_FALSE(fs::exists(installed / "git_pkg" / ".git"));
  // hub: the tarball's top folder under the package's name; its dependency
  // at the highest version its range allows.
  CHECK(fs::exists(installed / "dates" / "macros" / "dates.sql"));
  CHECK(fs::exists(installed / "base_utils" / "dbt_project.yml"));
  std::string lock = mrun::read_file(p.dir() + "/package-lock.yml");
  CHECK(contains(lock, "revision: " + git.v1_commit));
  CHECK(contains(lock, "package: acme/dates\n    version: 0.3.0"));
  CHECK(contains(lock, "package: acme/base_utils\n    version: 1.4.0"));
  CHECK(contains(lock, "sha1_hash: "));

  // A newer allowed version: the lock still holds while packages.yml is unchanged...
  hub.publish("acme", "base_utils", "1.5.0");
  fs::remove_all(installed);
  auto again = p.mrun({"deps"});
  INFO(output_of(again));
  REQUIRE(again.exit_code == 0);
  CHECK(contains(again.output, "Installed from package-lock.yml"));
  CHECK(contains(mrun::read_file(p.dir() + "/package-lock.yml"), "version: 1.4.0"));
  CHECK(fs::exists(installed / "base_utils" / "dbt_project.yml"));
  // ...and --upgrade resolves again.
  auto upgrade = p.mrun({"deps", "--upgrade"});
  INFO(output_of(upgrade));
  REQUIRE(upgrade.exit_code == 0);
  CHECK(contains(mrun::read_file(p.dir() + "/package-lock.yml"), "package: acme/base_utils\n    version: 1.5.0"));

  // A changed packages.yml (the git package at main) resolves again, into packages-install-path.
  p.write("dbt_project.yml", "name: packages_demo\nversion: '1.0'\npackages-install-path: vendor\n");
  p.write("packages.yml", "packages:\n  - git: file://" + git.bare.string() + "\n    revision: main\n"
                          "    subdirectory: pkg\n");
  auto changed = p.mrun({"deps"});
  INFO(output_of(changed));
  REQUIRE(changed.exit_code == 0);
  CHECK(contains(changed.output, "packages.yml changed since package-lock.yml"));
  CHECK(fs::exists(fs::path(p.dir()) / "vendor" / "git_pkg" / "models" / "from_v2.sql"));
  CHECK(contains(mrun::read_file(p.dir() + "/package-lock.yml"), "revision: " + git.v2_commit));
  unsetenv("MRUN_HUB_URL");
}

TEST_CASE("mrun deps: bad entries, conflicts and unreachable packages are errors that name them") {
  ProjectFixture p("deps_root", "it_deps_errors");
  fs::path shared = scratch("it_deps_errors");
  LocalHub hub(shared / "hub");
  hub.publish("acme", "base_utils", "1.0.0");
  hub.publish("acme", "base_utils", "2.0.0");
  hub.publish("acme", "dates", "0.3.0", {{{"package", "acme/base_utils"}, {"version", {">=2.0.0"}}}});
  setenv("MRUN_HUB_URL", hub.url().c_str(), 1);

  // Each packages.yml below fails `mrun deps` with this exit code and message.
  auto check_deps_fails = [&p](const std::string& packages_yml, int exit_code, const std::string& message) {
    p.write("packages.yml", packages_yml);
    auto deps = p.mrun({"deps"});
    INFO(output_of(deps));
    CHECK(deps.exit_code == exit_code);
    CHECK(contains(deps.output, message));
  };
  // A conflict names both sides.
  check_deps_fails("packages:\n  - package: acme/base_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n"
                   "  - package: acme/dates\n    version: 0.3.0\n",
                   2, "no version of acme/base_utils satisfies >=1.0.0, <2.0.0, >=2.0.0 (the hub has 1.0.0, 2.0.0); "
                      "asked for by packages.yml:2:5 and required by acme/dates");
  check_deps_fails("packages:\n  - package: acme/base_utils\n    version: 1.x\n", 2,
                   "packages.yml:3:14: invalid version '1.x' for package acme/base_utils");
  check_deps_fails("packages:\n  - packages: acme/base_utils\n", 2,
                   "packages.yml:2:5: a package entry needs one of local:, git: or package:");
  check_deps_fails("packages:\n  - package: acme/missing\n    version: 1.0.0\n", 2,
                   "packages.yml:2:5: package acme/missing not found");
  std::string no_repo = "file://" + (shared / "no-such-repo.git").string();
  check_deps_fails("packages:\n  - git: " + no_repo + "\n    revision: v1\n", 1,
                   "package " + no_repo + ": git clone failed");
  unsetenv("MRUN_HUB_URL");
}

TEST_CASE("mrun deps: hub packages that list each other are installed once each") {
  ProjectFixture p("deps_root", "it_deps_cycle");
  fs::path shared = scratch("it_deps_cycle");
  LocalHub hub(shared / "hub");
  hub.publish("acme", "left", "1.0.0", {{{"package", "acme/right"}, {"version", {">=1.0.0"}}}});
  hub.publish("acme", "right", "1.0.0", {{{"package", "acme/left"}, {"version", {"<2.0.0"}}}});
  setenv("MRUN_HUB_URL", hub.url().c_str(), 1);
  p.write("packages.yml", "packages:\n  - package: acme/left\n    version: 1.0.0\n");
  auto deps = p.mrun({"deps"});
  unsetenv("MRUN_HUB_URL");
  INFO(output_of(deps));
  REQUIRE(deps.exit_code == 0);
  CHECK(fs::exists(fs::path(p.dir()) / "dbt_packages" / "left" / "dbt_project.yml"));
  CHECK(fs::exists(fs::path(p.dir()) / "dbt_packages" / "right" / "dbt_project.yml"));
  std::string lock = mrun::read_file(p.dir() + "/package-lock.yml");
  CHECK(contains(lock, "package: acme/left\n    version: 1.0.0"));
  CHECK(contains(lock, "package: acme/right\n    version: 1.0.0"));
}
