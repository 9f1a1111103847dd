// `mrun pg start|stop|status|psql`: the embedded PostgreSQL by hand.
#include <iostream>

#include "cli/commands.h"
#include "db/embedded_postgres.h"
#include "util/error.h"
#include "util/process.h"

namespace mrun::cli {

void register_pg_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  auto* pg = app.add_subcommand("pg", "Manage the embedded PostgreSQL (.mrun/postgres, unix socket only)");
  pg->require_subcommand(1);

  pg->add_subcommand("start", "Initialize (first time) and start the server; prints its URL")->callback([&options] {
    db::EmbeddedPostgres server(options.project_dir);
    std::cout << server.start() << "\n";
  });
  pg->add_subcommand("stop", "Stop the server if it runs")->callback([&options] {
    db::EmbeddedPostgres server(options.project_dir);
    std::cout << (server.stop() ? "stopped" : "not running") << "\n";
  });
  pg->add_subcommand("status", "Show where the cluster lives and whether it runs (exit 1 when stopped)")
      ->callback([&options, exit_code] {
        db::EmbeddedPostgres server(options.project_dir);
        auto s = server.status();
        std::cout << "installed:  " << (s.installed ? s.bindir : "no (apt-get install postgresql)") << "\n"
                  << "data dir:   " << s.layout.data_dir.string()
                  << (s.layout.relocated ? "  (outside the project: the postgres user cannot reach it)" : "") << "\n"
                  << "socket dir: " << s.layout.socket_dir.string() << "\n"
                  << "log:        " << s.layout.log_file.string() << "\n"
                  << "state:      " << (s.running ? "running" : s.initialized ? "stopped" : "not initialized") << "\n"
                  << "url:        " << s.url << "\n";
        if (!s.running) *exit_code = kExitFailed;
      });
  auto* psql = pg->add_subcommand("psql", "Open psql on the project database (starts the server); arguments after psql go to psql");
  psql->callback([&options] {
    db::EmbeddedPostgres server(options.project_dir);
    std::vector<std::string> argv = {db::find_postgres_bindir() + "/psql", server.start()};
    argv.insert(argv.end(), options.passthrough.begin(), options.passthrough.end());
    exec_process(argv);
  });
}

}  // namespace mrun::cli
