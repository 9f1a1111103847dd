#include "task/project_session.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "db/connection.h"
#include "db/embedded_postgres.h"
#include "project/profiles.h"
#include "project/config_text.h"
#include "util/json_event.h"
#include "util/redact.h"

namespace mrun::task {

std::string command_line_dataset_uri(const std::string& uri) {
  if (uri.find("://") != std::string::npos || !std::filesystem::path(uri).is_relative()) return uri;
  return std::filesystem::absolute(uri).string();
}

const project::ProjectConfig& ProjectSession::project() {
  if (!project_) {
    project::ConfigValue vars;
    if (!options_.vars.empty()) vars = project::parse_config_text(options_.vars, "--vars");
    // --vars that is no mapping is refused by load_project_config.
    if (!options_.dataset_uri.empty() && (vars.is_null() || vars.is_map()))
      vars = vars.with("dataset_uri", project::ConfigValue::plain(command_line_dataset_uri(options_.dataset_uri)));
    project_ = project::load_project_config(options_.project_dir, vars);
    for (const auto& w : project_->warnings)
      std::cerr << message_line("warning", w, options_.log_format == "json") << "\n";
  }
  return *project_;
}

const parse::Target& ProjectSession::target(bool start_database) {
  if (!target_) {
    parse::Target t;
    const char* env_url = std::getenv("MRUN_DATABASE_URL");
    std::optional<project::ProfileTarget> profile;
    if (env_url && *env_url) {
      t.name = options_.target.empty() ? kEnvTargetName : options_.target;
      t.url = env_url;
      t.origin = "MRUN_DATABASE_URL";
    } else {
      const auto& p = project();
      profile = project::find_profile_target(options_.profiles_dir, p.root_dir, p.profile, options_.target);
      if (profile) {
        t.name = profile->name;
        t.schema = profile->schema;
        if (profile->threads > 0) t.threads = profile->threads;
        t.origin = profile->file + " (profile " + profile->profile + ", target " + profile->name + ")";
        t.embedded = profile->type == "embedded";
        t.url = profile->url;
      } else {
        if (!options_.target.empty()) {
          throw ConfigError("--target " + options_.target + ": no profiles.yml defines profile '" + p.profile + "'");
        }
        t.name = kEmbeddedTargetName;
        t.embedded = true;
      }
    }
    if (t.embedded) t.origin = "embedded PostgreSQL" + (profile ? " via " + profile->file : std::string());
    if (t.embedded && !(profile && profile->threads > 0)) t.threads = db::embedded_default_threads();
    if (options_.threads > 0) t.threads = options_.threads;
    // libpq would split such a URL elsewhere and quote pieces of the password.
    if (std::string why = ambiguous_credentials(t.url); !why.empty()) {
      throw ConfigError(t.origin + ": " + redact_passwords(t.url) + ": " + why);
    }
    target_ = t;
  }
  if (start_database && target_->embedded && target_->url.empty()) {
    target_->url = db::EmbeddedPostgres(project().root_dir).start();
  }
  return *target_;
}

}  // namespace mrun::task
