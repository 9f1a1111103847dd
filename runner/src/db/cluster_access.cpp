#include "db/cluster_access.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace mrun::db {

namespace {


passwd* user_entry(const std::string& name) {
  passwd* pw = getpwnam(name.c_str());
  if (!pw) throw RunError("there is no OS user '" + name + "'");
  return pw;
}

// Replaces `path` with `content` when it differs; true when it did.
bool write_if_changed(const fs::path& path, const std::string& content, const std::string& owner) {
  std::string current;
  if (fs::exists(path)) current = read_file(path.string());
  if (current == content) return false;
  write_file_atomic(path.string(), content);
  if (geteuid() == 0) {
    passwd* pw = user_entry(owner);
    if (chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      throw RunError("cannot give " + path.string() + " to user " + owner);
    }
  }
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return true;
}

}  // namespace

ClusterUsers current_cluster_users() {
  passwd* me = getpwuid(geteuid());
  if (!me) throw RunError("the current user (uid " + std::to_string(geteuid()) + ") has no name");
  ClusterUsers users;
  users.invoking = me->pw_name;
  users.server = geteuid() == 0 ? kPostgresUser : users.invoking;
  return users;
}

std::string access_rules_hba() {
  return std::string(
             "# Written by mrun (runner/src/db/cluster_access.h): unix socket only; the\n"
             "# superuser through peer authentication for the users in pg_ident.conf's\n"
             "# `mrun` map, every other role with its password. Rewritten on start.\n"
             "local all ") +
         kPostgresUser +
         " peer map=mrun\n"
         "local all all scram-sha-256\n";
}

std::string access_rules_ident(const ClusterUsers& users) {
  std::string text =
      "# Written by mrun (runner/src/db/cluster_access.h): the OS users that may log\n"
      "# in as the superuser. Rewritten on start.\n";
  text += std::string("mrun ") + users.invoking + " " + kPostgresUser + "\n";
  if (users.server != users.invoking) text += std::string("mrun ") + users.server + " " + kPostgresUser + "\n";
  return text;
}

bool write_access_rules(const fs::path& data_dir, const ClusterUsers& users) {
  bool hba = write_if_changed(data_dir / "pg_hba.conf", access_rules_hba(), users.server);
  bool ident = write_if_changed(data_dir / "pg_ident.conf", access_rules_ident(users), users.server);
  return hba || ident;
}

void prepare_cluster_directory(const fs::path& dir, const std::string& owner, fs::perms mode) {
  fs::create_directories(dir);
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) throw RunError("cannot inspect " + dir.string());
  if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
    throw RunError(dir.string() + " is not a plain directory (a symlink or a file); remove it");
  }
  passwd* pw = user_entry(owner);
  if (st.st_uid != pw->pw_uid && st.st_uid != geteuid()) {
    throw RunError(dir.string() + " belongs to another user (uid " + std::to_string(st.st_uid) +
                   "), so the embedded PostgreSQL would not be private; remove it");
  }
  if (geteuid() == 0 && st.st_uid != pw->pw_uid && chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    throw RunError("cannot give " + dir.string() + " to user " + owner);
  }
  fs::permissions(dir, mode, fs::perm_options::replace);
}

}  // namespace mrun::db
