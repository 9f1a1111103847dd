// `mrun debug`: the resolved project, target and a live connection check.
#include <iostream>

#include "cli/commands.h"
#include "project/config_text.h"
#include "task/project_session.h"
#include "db/connection.h"
#include "util/error.h"
#include "util/redact.h"
#include "util/strings.h"

namespace mrun::cli {

void register_debug_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  app.add_subcommand("debug", "Show the resolved project, target and check the connection")
      ->callback([&options, exit_code] {
        task::ProjectSession session(options);
        const auto& p = session.project();
        std::cout << "project:     " << p.name << (p.version.empty() ? "" : " " + p.version) << "\n"
                  << "file:        " << p.file << "\n"
                  << "model-paths: " << join(p.model_paths, ", ") << "\n"
                  << "macro-paths: " << join(p.macro_paths, ", ") << "\n"
                  << "seed-paths:  " << join(p.seed_paths, ", ") << "\n"
                  << "test-paths:  " << join(p.test_paths, ", ") << "\n"
                  << "target-path: " << p.target_path << "\n";
        std::cout << "vars:        " << project::flow_yaml(p.vars) << "\n";
        const auto& t = session.target();
        std::cout << "target:      " << t.name << " (" << t.type << "), schema " << t.schema << ", threads "
                  << t.threads << "\n"
                  << "from:        " << t.origin << "\n"
                  << "connection:  " << redact_passwords(t.url) << "\n";
        try {
          auto conn = db::connect(t.url);
          pqxx::nontransaction tx(*conn);
          std::string version = tx.exec1("SELECT version()")[0].as<std::string>();
          std::cout << "check:       OK (" << version.substr(0, version.find(" on ")) << ")\n";
        } catch (const std::exception& e) {
          std::cout << "check:       FAILED: " << e.what() << "\n";
          *exit_code = exit_code_for(e);  // 3: unreachable
        }
      });
}

}  // namespace mrun::cli
