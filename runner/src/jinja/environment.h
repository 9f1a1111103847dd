// The public entry point of the template engine: configure an Environment
// (loader, globals, options), parse templates once, render them many times.
//
//   jinja::Environment env;
//   env.set_loader(std::make_shared<jinja::DirectoryLoader>(std::vector<std::string>{"macros"}));
//   env.add_function("ref", [](jinja::CallArgs& a) { return jinja::Value("x"); });
//   auto t = env.parse("select * from {{ ref('m') }}", "models/x.sql");
//   std::string sql = env.render(*t, {{"var", jinja::Value(1)}});
//
// Thread safety: configure (set_loader, add_global, options) before rendering.
// After that, parse/get_template/render/load_module may be called from several
// threads at once; parsed Templates are immutable and shared.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jinja/template_error.h"
#include "jinja/value.h"

namespace mrun::jinja {

class LineMap;

namespace ast {
struct TemplateBody;
}

/// Per-render variables: name -> value.
using Context = std::unordered_map<std::string, Value>;

/// Finds template source by name (for include, import, get_template).
class Loader {
 public:
  virtual ~Loader() = default;
  /// The source of template `name`, or nullopt when there is none. Must be
  /// safe to call from several threads.
  virtual std::optional<std::string> load(const std::string& name) const = 0;
};

/// Loads `name` as a path relative to each directory in turn (first match).
class DirectoryLoader : public Loader {
 public:
  explicit DirectoryLoader(std::vector<std::string> directories);
  std::optional<std::string> load(const std::string& name) const override;

 private:
  std::vector<std::string> directories_;
};

/// Templates held in memory, by name (tests, batch rendering).
class MapLoader : public Loader {
 public:
  explicit MapLoader(std::map<std::string, std::string> templates);
  std::optional<std::string> load(const std::string& name) const override;

 private:
  std::map<std::string, std::string> templates_;
};

/// Jinja2's Environment.policies for the urlize filter (jinja/urlize.h):
/// what it uses when a template does not pass rel, target or extra_schemes.
struct UrlizePolicies {
  /// `urlize.rel`: words added to every URL link's rel attribute.
  std::string rel = "noopener";
  /// `urlize.target`: the target attribute of URL links (empty: none).
  std::string target;
  /// `urlize.extra_schemes`: prefixes such as "tel:" linked as they are.
  std::vector<std::string> extra_schemes;
};

/// Switches that change the language.
struct EnvironmentOptions {
  /// StrictUndefined: printing, iterating, testing truth of or comparing an
  /// undefined value is an error (default: Jinja2's lenient Undefined).
  bool strict_undefined = false;
  /// dbt blocks: `{% test name(args) %}..{% endtest %}` defines macro
  /// `test_name`; `{% docs name %}..{% enddocs %}` records a docs block.
  bool dbt_blocks = false;
  /// A global `return(x)`: inside a macro, ends the macro and makes the call
  /// evaluate to x (dbt's `{{ return(x) }}` / `{% do return(x) %}`).
  bool dbt_return = false;
  /// dbt semantics: names a macro does not find in its own scope and module
  /// are looked up in the context of the render that calls it (so macros
  /// loaded once see each model's `this`, `config`, ...).
  bool macros_see_render_context = false;
  /// dbt semantics: a module exports its names starting with `_` too (Jinja2
  /// keeps them private to the file; dbt makes every macro of a file visible).
  bool export_private_names = false;
  /// Maximum nesting of macro calls, includes and imports before an error.
  int max_call_depth = 100;
  /// Maximum statements + loop iterations one render may execute before it
  /// fails (0: unlimited). The fuzz target uses it to turn huge loops into errors.
  int64_t max_steps = 0;
  /// Maximum nesting of expressions/statements accepted by the parser.
  int max_parse_depth = 100;
  /// Jinja2's policies `urlize.rel`, `urlize.target`, `urlize.extra_schemes`.
  UrlizePolicies urlize;
};

/// A `{% docs name %}` block found in a template (dbt_blocks option).
struct DocsBlock {
  std::string name;
  std::string text;  ///< the raw source between the docs tags
  int line = 0;
};

class Environment;

/// A parsed template: immutable, shareable between threads.
class Template : public std::enable_shared_from_this<Template> {
 public:
  Template(std::string name, std::string source, std::shared_ptr<const ast::TemplateBody> body);
  /// The name given at parse time (used in error messages).
  const std::string& name() const { return name_; }
  /// The source text (after newline normalisation).
  const std::string& source() const { return source_; }
  /// The docs blocks of the template, in source order.
  const std::vector<DocsBlock>& docs() const;
  /// The AST (for the evaluator).
  const ast::TemplateBody& body() const { return *body_; }
  /// Shared ownership of the AST, kept alive by macros defined in it.
  std::shared_ptr<const ast::TemplateBody> body_ptr() const { return body_; }

 private:
  std::string name_;
  std::string source_;
  std::shared_ptr<const ast::TemplateBody> body_;
};

using TemplatePtr = std::shared_ptr<const Template>;

/// A template evaluated as a module (what `{% import %}` gives).
struct TemplateModule {
  /// Top-level macros and `set` variables, in definition order.
  std::vector<std::pair<std::string, Value>> exports;
  /// The text the template rendered at top level.
  std::string output;
  /// The export `name`, or an undefined Value.
  Value get(std::string_view name) const;
};

class Environment {
 public:
  explicit Environment(EnvironmentOptions options = {});
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  /// Options in effect.
  const EnvironmentOptions& options() const { return options_; }
  /// Sets the loader used by include/import/get_template (replaces any).
  void set_loader(std::shared_ptr<const Loader> loader);
  /// Adds or replaces a global variable visible to every template.
  void add_global(const std::string& name, Value value);
  /// Adds or replaces a global function.
  void add_function(const std::string& name, NativeFunction fn);
  /// The global `name`, or nullptr.
  const Value* global(std::string_view name) const;

  /// Parses `source`; `name` is used in error messages. Throws TemplateError.
  TemplatePtr parse(std::string_view source, const std::string& name) const;
  /// Loads (through the loader) and parses template `name`, cached. Throws
  /// TemplateError when it is missing or does not parse.
  TemplatePtr get_template(const std::string& name) const;
  /// Renders `tmpl` with `context`; throws TemplateError on failure.
  /// `line_map`, when given, records the template line behind each part of
  /// the output (jinja/line_map.h).
  std::string render(const Template& tmpl, const Context& context = {}, LineMap* line_map = nullptr) const;
  /// Parses and renders in one step (no caching).
  std::string render_string(std::string_view source, const Context& context = {},
                            const std::string& name = "<string>") const;
  /// Runs `tmpl` as a module with `context` and returns its macros and
  /// top-level variables as Values. Macros stay callable after this returns
  /// (from templates or from C++ via Value::call) and are thread-safe to call.
  TemplateModule load_module(const Template& tmpl, const Context& context = {}) const;
  /// load_module with a shared `scope`: the module's macros look names up in
  /// it (after their own file's names, before the render context and the
  /// globals) for as long as they live, and see later changes to it (dbt: a
  /// package's macros see the package's namespace, filled once all of its
  /// files are loaded). Change `scope` only before rendering starts.
  TemplateModule load_module(const Template& tmpl, std::shared_ptr<const Context> scope) const;
  /// Calls `callable` (e.g. a macro from load_module) from C++ as if from a
  /// render with `context` (seen by macros when macros_see_render_context).
  /// Returns the macro's output (or its return() value); throws TemplateError.
  Value call(const Value& callable, CallArgs args, const Context& context = {}) const;

 private:
  EnvironmentOptions options_;
  std::shared_ptr<const Loader> loader_;
  std::unordered_map<std::string, Value> globals_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, TemplatePtr> cache_;
};

}  // namespace mrun::jinja
