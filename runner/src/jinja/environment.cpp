#include "jinja/environment.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jinja/evaluator.h"
#include "jinja/globals.h"
#include "jinja/lexer.h"
#include "jinja/parser.h"

namespace mrun::jinja {

DirectoryLoader::DirectoryLoader(std::vector<std::string> directories) : directories_(std::move(directories)) {}

std::optional<std::string> DirectoryLoader::load(const std::string& name) const {
  for (const auto& dir : directories_) {
    std::filesystem::path p = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) continue;
    std::ifstream in(p, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }
  return std::nullopt;
}

MapLoader::MapLoader(std::map<std::string, std::string> templates) : templates_(std::move(templates)) {}

std::optional<std::string> MapLoader::load(const std::string& name) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return std::nullopt;
  return it->second;
}

Template::Template(std::string name, std::string source, std::shared_ptr<const ast::TemplateBody> body)
    : name_(std::move(name)), source_(std::move(source)), body_(std::move(body)) {}

const std::vector<DocsBlock>& Template::docs() const { return body_->docs; }

Value TemplateModule::get(std::string_view name) const {
  for (const auto& [k, v] : exports)
    if (k == name) return v;
  return Value::undefined(std::string(name));
}

Environment::Environment(EnvironmentOptions options) : options_(options) {
  add_builtin_globals(globals_);
  if (options_.dbt_return)
    globals_["return"] = Value::function("return", [](CallArgs& a) -> Value {
      throw ReturnSignal{a.positional.empty() ? Value::none() : a.positional[0]};
    });
}

Environment::~Environment() = default;

void Environment::set_loader(std::shared_ptr<const Loader> loader) { loader_ = std::move(loader); }

void Environment::add_global(const std::string& name, Value value) { globals_[name] = std::move(value); }

void Environment::add_function(const std::string& name, NativeFunction fn) {
  globals_[name] = Value::function(name, std::move(fn));
}

const Value* Environment::global(std::string_view name) const {
  auto it = globals_.find(std::string(name));
  return it == globals_.end() ? nullptr : &it->second;
}

TemplatePtr Environment::parse(std::string_view source, const std::string& name) const {
  std::string normalized = normalize_source(source);
  auto body = parse_template(normalized, name, options_);
  return std::make_shared<const Template>(name, std::move(normalized), std::move(body));
}

TemplatePtr Environment::get_template(const std::string& name) const {
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto it = cache_.find(name);
    if (it != cache_.end()) return it->second;
  }
  std::optional<std::string> source = loader_ ? loader_->load(name) : std::nullopt;
  if (!source) throw TemplateError(SourceLocation{name, 0, 0}, "template not found: " + name, "");
  TemplatePtr t = parse(*source, name);
  std::lock_guard<std::mutex> lock(cache_mutex_);
  return cache_.emplace(name, t).first->second;
}

std::string Environment::render(const Template& tmpl, const Context& context, LineMap* line_map) const {
  return render_template(*this, tmpl, context, line_map);
}

std::string Environment::render_string(std::string_view source, const Context& context, const std::string& name) const {
  return render(*parse(source, name), context);
}

TemplateModule Environment::load_module(const Template& tmpl, const Context& context) const {
  return run_module(*this, tmpl, std::make_shared<const Context>(context), nullptr);
}

TemplateModule Environment::load_module(const Template& tmpl, std::shared_ptr<const Context> scope) const {
  return run_module(*this, tmpl, std::move(scope), nullptr);
}

Value Environment::call(const Value& callable, CallArgs args, const Context& context) const {
  RenderState state(*this, &context);
  try {
    return state.call(callable, args);
  } catch (const TemplateError&) {
    throw;
  } catch (const RunError&) {
    throw;
  } catch (const std::exception& e) {
    throw TemplateError(SourceLocation{}, e.what(), "");
  }
}

}  // namespace mrun::jinja
