// Another local user can neither connect to a project's embedded PostgreSQL
// nor read what mrun writes (db/cluster_access.h, util/private_files.h).
// The attacker is the unprivileged `nobody`, through runuser, so these tests
// need root (CI runs as root); elsewhere they are skipped.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "test_database.h"
#include "util/process.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using mrun::run_process;
using mrun::test::mrun_binary;

namespace {

// A project in a directory every user may traverse (unlike the build tree,
// which may sit under /root), with its own embedded cluster.
fs::path open_project(const std::string& name) {
  fs::path dir = fs::path("/tmp") / ("mrun-it-" + name);
  if (fs::exists(dir / ".mrun")) run_process({mrun_binary(), "pg", "stop", "--project-dir", dir.string()});
  fs::remove_all(dir);
  fs::create_directories(dir / "models");
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::group_read |
                           fs::perms::others_exec | fs::perms::others_read);
  mrun::write_file_atomic((dir / "project.yml").string(), "name: sec\n");
  mrun::write_file_atomic((dir / "models" / "m.sql").string(), "select 1 as one\n");
  return dir;
}

std::string socket_dir(const fs::path& project) {
  auto status = run_process({mrun_binary(), "pg", "status", "--project-dir", project.string()});
  for (const auto& line : mrun::split(status.output, '\n')) {
    if (line.rfind("socket dir: ", 0) == 0) return std::string(mrun::trim(line.substr(12)));
  }
  FAIL("no socket dir in: " << status.output);
  return "";
}

// psql as `user` through the socket directory; returns exit code and output.
mrun::ProcessResult psql_as(const std::string& user, const std::string& socket, const std::string& role,
                            const std::string& sql) {
  return run_process({"runuser", "-u", user, "--", "psql", "-X", "-h", socket, "-U", role, "-d", "mrun", "-tAc", sql},
                     "/");
}

mode_t mode_of(const fs::path& path) {
  struct stat st;
  REQUIRE(lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

bool running_as_root() {
  if (geteuid() == 0) return true;
  WARN("not root: the checks as the unprivileged user `nobody` are skipped");
  return false;
}

}  // namespace

TEST_CASE("the embedded PostgreSQL admits the invoking user and refuses every other local user") {
  if (!running_as_root()) return;
  fs::path project = open_project("security-access");
  auto start = run_process({mrun_binary(), "pg", "start", "--project-dir", project.string()});
  INFO(start.output);
  REQUIRE(start.exit_code == 0);
  std::string socket = socket_dir(project);

  // The invoking user (root) gets in, as does the server's own user.
  auto own = run_process({"psql", "-X", std::string(mrun::trim(start.output)), "-tAc", "select 40 + 2"});
  CHECK(mrun::trim(own.output) == "42");
  CHECK(mrun::trim(psql_as("postgres", socket, "postgres", "select 1").output) == "1");

  // Layer 1: directory modes keep `nobody` away from the socket.
  CHECK(mode_of(socket) == 0700);
  CHECK(mode_of(project / ".mrun") == 0711);
  auto nobody = psql_as("nobody", socket, "postgres", "copy (select 1) to program 'id'");
  INFO(nobody.output);
  CHECK(nobody.exit_code != 0);
  CHECK(nobody.output.find("Permission denied") != std::string::npos);

  // Layer 2: even with the socket opened to all, authentication refuses
  // `nobody` as the superuser (peer map) and as a role without its password.
  fs::permissions(socket, fs::perms::all);
  fs::permissions(fs::path(socket) / ".s.PGSQL.5432", fs::perms::all);
  auto peer = psql_as("nobody", socket, "postgres", "select 1");
  INFO(peer.output);
  CHECK(peer.exit_code != 0);
  CHECK(peer.output.find("Peer authentication failed for user \"postgres\"") != std::string::npos);
  run_process({"psql", "-X", std::string(mrun::trim(start.output)), "-c", "create role analyst login password 'pw'"});
  auto role = psql_as("nobody", socket, "analyst", "select 1");
  INFO(role.output);
  CHECK(role.exit_code != 0);
  CHECK(role.output.find("no password supplied") != std::string::npos);

  // The next start closes the directory again.
  REQUIRE(run_process({mrun_binary(), "pg", "start", "--project-dir", project.string()}).exit_code == 0);
  CHECK(mode_of(socket) == 0700);
  run_process({mrun_binary(), "pg", "stop", "--project-dir", project.string()});
}

TEST_CASE("a cluster made by an older mrun (trust, open socket directory) is closed on the next start") {
  if (!running_as_root()) return;
  fs::path project = open_project("security-upgrade");
  REQUIRE(run_process({mrun_binary(), "pg", "start", "--project-dir", project.string()}).exit_code == 0);
  std::string socket = socket_dir(project);
  REQUIRE(run_process({mrun_binary(), "pg", "stop", "--project-dir", project.string()}).exit_code == 0);

  // Make it what older versions left: trust for everyone, a world-writable socket.
  fs::path data = project / ".mrun" / "postgres";
  mrun::write_file_atomic((data / "pg_hba.conf").string(), "local all all trust\n");
  REQUIRE(run_process({"chown", "postgres", (data / "pg_hba.conf").string()}).exit_code == 0);
  std::string conf = mrun::read_file((data / "mrun.conf").string());
  conf.erase(conf.find("unix_socket_permissions"));
  mrun::write_file_atomic((data / "mrun.conf").string(), conf);
  REQUIRE(run_process({"chown", "postgres", (data / "mrun.conf").string()}).exit_code == 0);
  fs::permissions(project / ".mrun", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                         fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(socket, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  std::string bindir = std::string(mrun::trim(run_process({"pg_config", "--bindir"}).output));
  auto old = run_process({"runuser", "-u", "postgres", "--", bindir + "/pg_ctl", "start", "-D", data.string(), "-l",
                          (project / ".mrun" / "postgres.log").string(), "-w"},
                         "/");
  INFO(old.output);
  REQUIRE(old.exit_code == 0);
  auto before = psql_as("nobody", socket, "postgres", "select 'in'");
  CHECK(mrun::trim(before.output) == "in");  // the hole this test is about

  // The next start (the server is running) rewrites the rules and reloads.
  auto start = run_process({mrun_binary(), "pg", "start", "--project-dir", project.string()});
  INFO(start.output);
  REQUIRE(start.exit_code == 0);
  CHECK(mode_of(socket) == 0700);
  auto after = psql_as("nobody", socket, "postgres", "select 'in'");
  INFO(after.output);
  CHECK(after.exit_code != 0);
  CHECK(mrun::read_file((data / "pg_hba.conf").string()).find("trust") == std::string::npos);
  CHECK(mrun::read_file((data / "mrun.conf").string()).find("unix_socket_permissions = 0700") != std::string::npos);
  // The invoking user still gets in.
  auto own = run_process({"psql", "-X", std::string(mrun::trim(start.output)), "-tAc", "select 'me'"});
  CHECK(mrun::trim(own.output) == "me");
  run_process({mrun_binary(), "pg", "stop", "--project-dir", project.string()});
}

TEST_CASE("artifacts and compiled SQL are readable by the invoking user only") {
  if (!running_as_root()) return;
  fs::path project = open_project("security-files");
  // A target/ made by an older version, open to all, with a file in it.
  fs::create_directories(project / "target");
  fs::permissions(project / "target", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                          fs::perms::others_read | fs::perms::others_exec);
  auto compile = run_process({mrun_binary(), "compile", "--project-dir", project.string()});
  INFO(compile.output);
  REQUIRE(compile.exit_code == 0);
  fs::path compiled = project / "target" / "compiled" / "sec" / "models" / "m.sql";
  REQUIRE(fs::exists(compiled));
  CHECK((mode_of(project / "target") & 077) == 0);
  CHECK((mode_of(compiled) & 077) == 0);
  auto read = run_process({"runuser", "-u", "nobody", "--", "cat", compiled.string()}, "/");
  CHECK(read.exit_code != 0);
  run_process({mrun_binary(), "pg", "stop", "--project-dir", project.string()});
}
