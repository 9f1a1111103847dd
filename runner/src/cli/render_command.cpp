// `mrun render [--context ctx.json] [--search-path DIR]... [FILE|-]`: plain
// Jinja with a JSON context, no dbt context. Templates named by extends,
// include and import are found in the search paths (by default the
// directory of FILE, or . for stdin). `--batch` reads JSON lines
// {"template": "...", "context": {...}, "files": {"name": "source"}} from stdin
// and writes {"ok": bool, "output"|"error": "..."} lines (for the
// conformance and differential tests, which render thousands of templates).
#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "jinja/bigint.h"
#include "jinja/environment.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::cli {

namespace {

using Json = nlohmann::ordered_json;

jinja::Value from_json(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return jinja::Value::none();
    case Json::value_t::boolean: return jinja::Value(j.get<bool>());
    case Json::value_t::number_integer: return jinja::Value(j.get<int64_t>());
    case Json::value_t::number_unsigned:  // past int64: a big integer, as Python's json gives
      return jinja::Value::integer(jinja::BigInt::parse(std::to_string(j.get<uint64_t>())));
    case Json::value_t::number_float: return jinja::Value(j.get<double>());
    case Json::value_t::string: return jinja::Value(j.get<std::string>());
    case Json::value_t::array: {
      std::vector<jinja::Value> items;
      for (const auto& e : j) items.push_back(from_json(e));
      return jinja::Value::list(std::move(items));
    }
    case Json::value_t::object: {
      jinja::Value d = jinja::Value::dict();
      for (const auto& [k, v] : j.items()) d.dict_data().set(jinja::Value(k), from_json(v));
      return d;
    }
    default: return jinja::Value();
  }
}

jinja::Context context_from_json(const Json& j) {
  jinja::Context ctx;
  if (j.is_object())
    for (const auto& [k, v] : j.items()) ctx[k] = from_json(v);
  return ctx;
}

int run_batch(bool strict) {
  std::string line;
  while (std::getline(std::cin, line)) {
    nlohmann::json out;
    try {
      auto req = Json::parse(line);
      std::map<std::string, std::string> files;
      if (req.contains("files"))
        for (const auto& [k, v] : req["files"].items()) files[k] = v.get<std::string>();
      jinja::EnvironmentOptions options;
      options.strict_undefined = strict;
      jinja::Environment env(options);
      env.set_loader(std::make_shared<jinja::MapLoader>(files));
      auto ctx = context_from_json(req.value("context", Json::object()));
      out["output"] = env.render_string(req["template"].get<std::string>(), ctx, "<template>");
      out["ok"] = true;
    } catch (const std::exception& e) {
      out["ok"] = false;
      out["error"] = e.what();
    }
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n" << std::flush;
  }
  return kExitOk;
}

}  // namespace

void register_render_command(CLI::App& app, task::CommonOptions&, int* exit_code) {
  auto* cmd = app.add_subcommand("render", "Render a plain Jinja template with a JSON context (no dbt context)");
  auto context_file = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>("-");
  auto batch = std::make_shared<bool>(false);
  auto strict = std::make_shared<bool>(false);
  auto search_paths = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--context", *context_file, "JSON file with the template variables");
  cmd->add_option("--search-path", *search_paths,
                  "Directory where extends/include/import find templates (repeatable, searched in order)")
      ->allow_extra_args(false);
  cmd->add_flag("--strict", *strict, "Undefined variables are errors (StrictUndefined)");
  cmd->add_flag("--batch", *batch, "Render JSON-lines requests from stdin (testing)");
  cmd->add_option("file", *file, "Template file, or - for stdin");
  cmd->callback([=] {
    if (*batch) {
      *exit_code = run_batch(*strict);
      return;
    }
    std::string source;
    std::string name = *file;
    jinja::EnvironmentOptions options;
    options.strict_undefined = *strict;
    jinja::Environment env(options);
    std::vector<std::string> directories = *search_paths;
    if (*file == "-") {
      source.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      name = "<stdin>";
      if (directories.empty()) directories.push_back(".");
    } else {
      std::string dir = std::filesystem::path(*file).parent_path().string();
      if (directories.empty()) directories.push_back(dir.empty() ? "." : dir);
      std::error_code ec;
      if (!std::filesystem::exists(*file, ec)) {
        // A template name relative to a search path, as Jinja2's get_template takes.
        auto found = jinja::DirectoryLoader(directories).load(*file);
        if (!found) throw ConfigError(*file + ": no such template (search path: " + join(directories, ", ") + ")");
        source = *found;
      } else {
        source = read_file(*file);
      }
    }
    env.set_loader(std::make_shared<jinja::DirectoryLoader>(directories));
    jinja::Context ctx;
    if (!context_file->empty()) {
      try {
        ctx = context_from_json(Json::parse(read_file(*context_file)));
      } catch (const nlohmann::json::exception& e) {
        throw ConfigError(*context_file + ": invalid JSON: " + e.what());
      }
    }
    try {
      std::cout << env.render_string(source, ctx, name);
    } catch (const jinja::TemplateError& e) {
      std::cerr << "error: " << e.what() << "\n";
      *exit_code = exit_code_for(e);  // 2, like every template error
    }
  });
}

}  // namespace mrun::cli
