// Who may reach the embedded PostgreSQL: only the user who runs mrun and the
// OS user the server runs as. Three layers, each enough on its own against
// another local user:
//
//  1. Directories. The socket directory is mode 0700 and owned by the server
//     user; the server's unix_socket_permissions is 0700. The project's
//     .mrun/ is 0700 (0711 when root runs mrun and the server runs as
//     `postgres`, which must traverse it to its data and socket directories).
//     A directory that is a symlink or owned by another user is refused (a
//     socket directory under /tmp is a name anyone could create first).
//  2. Authentication (pg_hba.conf). The superuser `postgres` logs in through
//     peer authentication, with a pg_ident.conf map that lets exactly the
//     invoking OS user and the server's OS user in as `postgres`. Other roles
//     need a password (scram-sha-256). There is no `trust` line and no TCP.
//  3. Files. mrun runs with umask 077, so caches, artifacts and logs are
//     readable by their owner only (util/private_directory.h for directories
//     that existed before).
//
// Clusters created by older versions (trust authentication, a 0755 socket
// directory) are upgraded in place on the next start: the files are written
// and a running server reloads them.
#pragma once

#include <filesystem>
#include <string>

namespace mrun::db {

/// The database superuser `initdb -U` makes, and the OS user the server runs
/// as when root runs mrun (initdb refuses root).
inline constexpr const char* kPostgresUser = "postgres";

/// The OS users that take part.
struct ClusterUsers {
  std::string invoking;  ///< who runs mrun
  std::string server;    ///< who runs the server (`postgres` when mrun runs as root)
};

/// The users for this process: the effective user, and `postgres` as the
/// server user when that is root.
ClusterUsers current_cluster_users();

/// The text of pg_hba.conf: peer (through the `mrun` ident map) for the
/// superuser, scram-sha-256 for other roles, unix socket only.
std::string access_rules_hba();

/// The text of pg_ident.conf mapping `users.invoking` and `users.server` to
/// the database superuser `postgres`.
std::string access_rules_ident(const ClusterUsers& users);

/// Writes pg_hba.conf and pg_ident.conf into `data_dir` when they differ from
/// the rules above, owned by the server user with mode 0600. Returns true
/// when something changed (a running server must reload).
bool write_access_rules(const std::filesystem::path& data_dir, const ClusterUsers& users);

/// Creates `dir` if missing and gives it `mode`, owned by `owner` (an OS user
/// name; chown happens only when running as root). Throws RunError when
/// `dir` is a symlink, not a directory, or owned by a user other than `owner`
/// or the invoking user.
void prepare_cluster_directory(const std::filesystem::path& dir, const std::string& owner,
                               std::filesystem::perms mode);

}  // namespace mrun::db
