#include "project/profiles.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "project/yaml_file.h"

namespace fs = std::filesystem;

namespace mrun::project {

namespace {

// Percent-encodes a URI component.
std::string uri_encode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string field(const YamlFile& f, const YAML::Node& out, const char* key) {
  const YAML::Node& v = out[key];
  if (!v) return "";
  return substitute_env_vars(scalar_string(f, v, key), location_of(f, v));
}

// `threads:` (after env_var substitution): 1 to kMaxThreads; 0 when absent.
int threads_field(const YamlFile& f, const YAML::Node& out) {
  std::string text = field(f, out, "threads");
  if (text.empty()) return 0;
  int threads = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, threads);
  if (error != std::errc() || stop != end || threads < 1 || threads > kMaxThreads) {
    throw ConfigError(location_of(f, out["threads"]), "'threads' must be a whole number from 1 to " +
                                                          std::to_string(kMaxThreads) + ", not '" + text + "'");
  }
  return threads;
}

}  // namespace

std::string substitute_env_vars(const std::string& text, const SourceLocation& where) {
  static const std::regex call(
      R"(\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]*)\3\s*)?\)\s*(?:\|\s*\w+\s*)?\}\})");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), call);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    out.append(text, last, static_cast<size_t>(m.position()) - last);
    std::string name = m[2].str();
    const char* value = std::getenv(name.c_str());
    if (value) {
      out += value;
    } else if (m[3].matched) {
      out += m[4].str();
    } else {
      throw ConfigError(where, "environment variable " + name + " is not set and has no default");
    }
    last = static_cast<size_t>(m.position() + m.length());
  }
  out.append(text, last, std::string::npos);
  return out;
}

std::optional<ProfileTarget> find_profile_target(const std::string& profiles_dir, const std::string& project_dir,
                                                 const std::string& profile_name, const std::string& target_name) {
  std::vector<fs::path> candidates;
  if (!profiles_dir.empty()) candidates.push_back(fs::path(profiles_dir) / "profiles.yml");
  candidates.push_back(fs::path(project_dir) / "profiles.yml");
  if (const char* home = std::getenv("HOME")) candidates.push_back(fs::path(home) / ".mrun" / "profiles.yml");

  for (const auto& path : candidates) {
    if (!fs::exists(path)) continue;
    YamlFile f = load_yaml_file(path.string());
    expect_map(f, f.root, "profiles.yml");
    const YAML::Node& profile = f.root[profile_name];
    if (!profile) continue;
    expect_map(f, profile, "profile '" + profile_name + "'");
    ProfileTarget t;
    t.profile = profile_name;
    t.file = path.string();
    t.name = target_name.empty() ? scalar_string(f, profile["target"], "target") : target_name;
    if (t.name.empty()) t.name = "dev";
    const YAML::Node& outputs = profile["outputs"];
    expect_map(f, outputs, "outputs");
    if (!outputs || !outputs[t.name]) {
      throw ConfigError(location_of(f, outputs ? outputs : profile),
                        "profile '" + profile_name + "' has no target '" + t.name + "'");
    }
    const YAML::Node& out = outputs[t.name];
    expect_map(f, out, "target '" + t.name + "'");
    t.type = field(f, out, "type");
    if (t.type.empty()) t.type = "postgres";
    if (t.type != "postgres" && t.type != "embedded") {
      throw ConfigError(location_of(f, out["type"]), "unsupported target type '" + t.type +
                                                         "' (mrun supports postgres and embedded)");
    }
    std::string schema = field(f, out, "schema");
    if (schema.empty()) schema = field(f, out, "search_path");
    if (!schema.empty()) t.schema = schema;
    t.threads = threads_field(f, out);
    if (t.type == "postgres") {
      std::string url = field(f, out, "url");
      if (url.empty()) {
        std::string host = field(f, out, "host"), user = field(f, out, "user"), pass = field(f, out, "password"),
                    port = field(f, out, "port"), db = field(f, out, "dbname");
        if (db.empty()) db = field(f, out, "database");
        url = "postgresql://";
        if (!user.empty()) url += uri_encode(user) + (pass.empty() ? "" : ":" + uri_encode(pass)) + "@";
        if (!host.empty() && host[0] != '/') url += host;
        if (!port.empty()) url += ":" + port;
        url += "/" + uri_encode(db);
        if (!host.empty() && host[0] == '/') url += "?host=" + host;
      }
      t.url = url;
    }
    return t;
  }
  return std::nullopt;
}

}  // namespace mrun::project
