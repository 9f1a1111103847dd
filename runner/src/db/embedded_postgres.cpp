#include "db/embedded_postgres.h"

#include <algorithm>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <pqxx/pqxx>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "db/cluster_access.h"
#include "util/error.h"
#include "util/process.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::db {

namespace {


// Settings for analytics on one machine: big sort/hash memory, little WAL
// (wal_level=minimal lets COPY into a table created in the same transaction
// skip WAL), no JIT (it slows short queries), asynchronous commit (a crash
// loses at most the last moments of commits, never corrupts).
constexpr const char* kServerSettings = R"(# Written by mrun; see README.md "Embedded PostgreSQL".
listen_addresses = ''
max_connections = 50
shared_buffers = 512MB
work_mem = 64MB
maintenance_work_mem = 512MB
effective_cache_size = 4GB
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
checkpoint_timeout = 30min
synchronous_commit = off
wal_compression = on
jit = off
max_parallel_workers_per_gather = 2
random_page_cost = 1.1
log_min_messages = warning
)";

// Settings added after the first clusters were made: written into every
// cluster's mrun.conf, new or old (upgrade_settings()). The socket is for the
// server's user only (cluster_access.h); a backend whose client died stops
// within a second instead of running its statement to the end; an atomic
// publish locks every relation it swaps in one transaction (10,000 models:
// "out of shared memory" at PostgreSQL's default of 64 locks per
// transaction; 1024 x 50 connections is a lock table of about 25 MB; read
// at the server's start).
constexpr const char* kLaterSettings[][2] = {
    {"unix_socket_permissions", "0700"},
    {"client_connection_check_interval", "1s"},
    {"max_locks_per_transaction", "1024"},
};

bool is_root() { return geteuid() == 0; }

// True when the server user can reach `dir` (every parent searchable).
bool server_user_can_reach(const fs::path& dir) {
  if (!is_root()) return true;
  passwd* pw = getpwnam(kPostgresUser);
  if (!pw) return false;
  fs::path p = fs::absolute(dir);
  for (fs::path cur = p; !cur.empty(); cur = cur.parent_path()) {
    struct stat st;
    if (stat(cur.c_str(), &st) == 0) {
      bool ok = (st.st_mode & S_IXOTH) || (st.st_uid == pw->pw_uid && (st.st_mode & S_IXUSR));
      if (!ok) return false;
    }
    if (cur == cur.parent_path()) break;
  }
  return true;
}

void chown_to_server_user(const fs::path& path) {
  if (!is_root()) return;
  if (passwd* pw = getpwnam(kPostgresUser)) {
    if (chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      throw RunError("cannot give " + path.string() + " to user " + kPostgresUser);
    }
  }
}

// Creates `dir` and its missing parents with mode 0755 (not the 0700 that
// mrun's umask gives): the server user must traverse a project directory
// that the first `mrun pg start` creates.
void create_traversable_directories(const fs::path& dir) {
  if (dir.empty() || fs::exists(dir)) return;
  create_traversable_directories(dir.parent_path());
  fs::create_directory(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
}

std::string short_hash(const std::string& text) {
  char buf[17];
  snprintf(buf, sizeof buf, "%016zx", std::hash<std::string>{}(text));
  return buf;
}

// An exclusive flock held for the lifetime of the object.
class FileLock {
 public:
  explicit FileLock(const fs::path& path) {
    fd_ = open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0) throw RunError("cannot open lock file " + path.string());
    while (flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) throw RunError("cannot lock " + path.string());
    }
  }
  ~FileLock() { close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

std::string tail_of_file(const fs::path& path, size_t max_bytes = 2000) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > max_bytes ? text.substr(text.size() - max_bytes) : text;
}

}  // namespace

int embedded_default_threads() {
  unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 1u, 16u));
}

std::string find_postgres_bindir() {
  if (program_exists("pg_config")) {
    auto r = run_process({"pg_config", "--bindir"});
    std::string dir(trim(r.output));
    if (r.exit_code == 0 && fs::exists(fs::path(dir) / "initdb")) return dir;
  }
  std::vector<std::string> candidates;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (fs::exists(entry.path() / "bin" / "initdb")) candidates.push_back(entry.path().filename());
  }
  if (candidates.empty()) return "";
  std::sort(candidates.begin(), candidates.end(), [](const std::string& a, const std::string& b) {
    return std::stoi(a) < std::stoi(b);
  });
  return "/usr/lib/postgresql/" + candidates.back() + "/bin";
}

EmbeddedPostgres::EmbeddedPostgres(const fs::path& project_dir) {
  fs::path project = fs::weakly_canonical(fs::absolute(project_dir));
  fs::path base = project / ".mrun";
  if (!server_user_can_reach(project)) {
    base = fs::path("/var/tmp/mrun-postgres") / short_hash(project.string());
    layout_.relocated = true;
  }
  layout_.data_dir = base / "postgres";
  layout_.log_file = base / "postgres.log";
  layout_.lock_file = base / "postgres.lock";
  // A unix socket path must fit in 107 bytes.
  layout_.socket_dir = base / "run";
  if ((layout_.socket_dir / ".s.PGSQL.5432.lock").string().size() > 100) {
    layout_.socket_dir = fs::path("/tmp") / ("mrun-" + short_hash(project.string()));
  }
}

std::string EmbeddedPostgres::url() const {
  return std::string("postgresql:///") + kDatabase + "?host=" + layout_.socket_dir.string() +
         "&port=5432&user=" + kPostgresUser;
}

std::string EmbeddedPostgres::run_as_server_user(const std::vector<std::string>& argv,
                                                 const std::string& what) const {
  std::vector<std::string> cmd;
  if (is_root()) cmd = {"runuser", "-u", kPostgresUser, "--"};
  cmd.insert(cmd.end(), argv.begin(), argv.end());
  auto r = run_process(cmd, "/");
  if (r.exit_code != 0) {
    std::string log = tail_of_file(layout_.log_file);
    throw RunError(what + " failed (exit " + std::to_string(r.exit_code) + "):\n" + r.output +
                   (log.empty() ? "" : "\nserver log (" + layout_.log_file.string() + "):\n" + log));
  }
  return r.output;
}

bool EmbeddedPostgres::running() const {
  if (!fs::exists(layout_.data_dir / "postmaster.pid")) return false;
  std::string bindir = find_postgres_bindir();
  if (bindir.empty()) return false;
  auto r = run_process({bindir + "/pg_isready", "-h", layout_.socket_dir.string(), "-p", "5432", "-q"});
  return r.exit_code == 0;
}

void EmbeddedPostgres::initialize(const std::string& bindir) {
  fs::create_directories(layout_.data_dir);
  fs::permissions(layout_.data_dir, fs::perms::owner_all, fs::perm_options::replace);
  chown_to_server_user(layout_.data_dir);
  // pg_hba.conf is replaced by cluster_access.h's rules before the first start.
  run_as_server_user({bindir + "/initdb", "-D", layout_.data_dir.string(), "-U", kPostgresUser,
                      "--auth-local=peer", "--auth-host=reject", "--encoding=UTF8", "--locale=C.UTF-8",
                      "--no-sync"},
                     "initdb");
  std::string conf_path = (layout_.data_dir / "mrun.conf").string();
  std::string settings = kServerSettings;
  settings += "unix_socket_directories = '" + layout_.socket_dir.string() + "'\n";
  write_file_atomic(conf_path, settings);
  chown_to_server_user(conf_path);
  std::ofstream(layout_.data_dir / "postgresql.conf", std::ios::app) << "\ninclude 'mrun.conf'\n";
}

bool EmbeddedPostgres::upgrade_settings() const {
  fs::path conf = layout_.data_dir / "mrun.conf";
  std::string text = read_file(conf.string());
  std::ofstream out(conf, std::ios::app);
  bool changed = false;
  for (const auto& [name, value] : kLaterSettings) {
    if (text.find(std::string("\n") + name + " =") != std::string::npos) continue;
    out << name << " = " << value << "\n";
    changed = true;
  }
  return changed;
}

std::string EmbeddedPostgres::start() {
  std::string bindir = find_postgres_bindir();
  if (bindir.empty()) {
    throw ConfigError(
        "PostgreSQL is not installed (no initdb found via pg_config or in /usr/lib/postgresql/*/bin). "
        "Install it (Debian: apt-get install postgresql) or set MRUN_DATABASE_URL.");
  }
  if (is_root() && !getpwnam(kPostgresUser)) {
    throw ConfigError("running as root, but there is no 'postgres' user to run the server as");
  }
  ClusterUsers users = current_cluster_users();
  fs::path base = layout_.lock_file.parent_path();
  // The server user must traverse .mrun to its data and socket directories.
  fs::perms base_mode = users.server == users.invoking
                            ? fs::perms::owner_all
                            : fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec;
  if (layout_.relocated) prepare_cluster_directory(base.parent_path(), users.invoking, base_mode);
  else create_traversable_directories(base.parent_path());
  prepare_cluster_directory(base, users.invoking, base_mode);
  FileLock lock(layout_.lock_file);
  if (!fs::exists(layout_.data_dir / "PG_VERSION")) initialize(bindir);
  bool settings_changed = upgrade_settings();  // the socket's mode waits for a restart
  bool rules_changed = write_access_rules(layout_.data_dir, users);
  prepare_cluster_directory(layout_.socket_dir, users.server, fs::perms::owner_all);
  if (!fs::exists(layout_.log_file)) std::ofstream(layout_.log_file).close();
  chown_to_server_user(layout_.log_file);
  fs::permissions(layout_.log_file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  if (!running()) {
    run_as_server_user({bindir + "/pg_ctl", "start", "-D", layout_.data_dir.string(), "-l",
                        layout_.log_file.string(), "-w", "-t", "120"},
                       "starting PostgreSQL");
  } else if (rules_changed || settings_changed) {
    run_as_server_user({bindir + "/pg_ctl", "reload", "-D", layout_.data_dir.string()},
                       "reloading PostgreSQL's settings and access rules");
  }
  // Create the project database once.
  std::string admin_url = "postgresql:///postgres?host=" + layout_.socket_dir.string() +
                          "&port=5432&user=" + kPostgresUser;
  pqxx::connection admin(admin_url);
  pqxx::nontransaction tx(admin);
  auto rows = tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", std::string(kDatabase));
  if (rows.empty()) tx.exec(std::string("CREATE DATABASE ") + kDatabase);
  return url();
}

bool EmbeddedPostgres::stop() {
  if (!fs::exists(layout_.lock_file.parent_path())) return false;
  FileLock lock(layout_.lock_file);
  if (!running()) return false;
  run_as_server_user({find_postgres_bindir() + "/pg_ctl", "stop", "-D", layout_.data_dir.string(),
                      "-m", "fast", "-w", "-t", "120"},
                     "stopping PostgreSQL");
  return true;
}

EmbeddedPostgresStatus EmbeddedPostgres::status() const {
  EmbeddedPostgresStatus s;
  s.bindir = find_postgres_bindir();
  s.installed = !s.bindir.empty();
  s.initialized = fs::exists(layout_.data_dir / "PG_VERSION");
  s.running = s.installed && running();
  s.layout = layout_;
  s.url = url();
  return s;
}

}  // namespace mrun::db
