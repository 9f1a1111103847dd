// `mrun docs generate` and `mrun docs serve [--port N]` (task/docs_task.h).
#include "cli/commands.h"
#include "task/docs_task.h"
#include "task/project_session.h"

namespace mrun::cli {

void register_docs_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  auto* docs = app.add_subcommand("docs", "Generate and serve the project's documentation site");
  docs->require_subcommand(1);
  docs->add_subcommand("generate",
                       "Write target/catalog.json (from the database), target/manifest.json and the site in target/docs")
      ->callback([&options, exit_code] {
        task::ProjectSession session(options);
        *exit_code = task::generate_docs(session, options);
      });
  static int port = 8080;
  auto* serve = docs->add_subcommand("serve", "Serve target/docs on 127.0.0.1 (run `mrun docs generate` first)");
  serve->add_option("--port", port, "Port to listen on (0: any free port, printed)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::serve_docs(session, port);
  });
}

}  // namespace mrun::cli
