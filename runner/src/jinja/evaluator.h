// Walks the syntax tree of a template and produces its output. One
// RenderState exists per render call (per thread); the tree is shared.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "jinja/ast.h"
#include "jinja/environment.h"
#include "jinja/line_map.h"

namespace mrun::jinja {

/// A variable scope. Loops, macros, with-blocks and includes open one; the
/// root frame of a template holds its context (what names fall back to).
struct Frame {
  std::vector<std::pair<std::string, Value>> vars;
  std::shared_ptr<Frame> parent;
  std::shared_ptr<const Context> context;  ///< set on template root frames only

  /// The variable `name` in this frame only, or nullptr.
  Value* find_local(std::string_view name);
  /// Sets `name` in this frame.
  void set(const std::string& name, Value value);
};
using FramePtr = std::shared_ptr<Frame>;

/// One Jinja2 render context: the blocks of a template and of the templates
/// it extends (name -> overriding first), the template `{% extends %}` chose,
/// and the top-level scope they share. Includes and imports open their own.
struct TemplateRun;

/// Per-render state: the environment, the caller's context and limits.
class RenderState {
 public:
  RenderState(const Environment& env, const Context* render_context);
  const Environment& env;
  /// The context passed to render() (used by macros under dbt semantics).
  const Context* render_context;
  /// The template whose nodes are being evaluated (for error messages).
  const Template* current = nullptr;
  /// Nesting of macro calls, includes and imports.
  int depth = 0;
  /// The template run whose code is executing (blocks, `self`, extends).
  std::shared_ptr<TemplateRun> run;
  /// Executing a template's own top-level code, not a macro, block or set
  /// block: its output is dropped once the template has extended another.
  bool at_root = false;
  /// `{% autoescape true %}` is in effect: printed values are HTML-escaped.
  bool autoescape = false;
  /// When set, what the template's own code writes to `root_output` is
  /// recorded there (Environment::render with a LineMap).
  LineMap* line_map = nullptr;
  const std::string* root_output = nullptr;
  /// Whether undefined values are strict.
  bool strict() const;
  /// Throws when the machine stack is nearly exhausted or the step budget
  /// (EnvironmentOptions::max_steps) is spent.
  void check_depth();
  /// Calls `callee` (macro, native, bound method) with `args`.
  Value call(const Value& callee, CallArgs& args);

 private:
  const char* stack_base_;
  int64_t steps_ = 0;
};

/// Renders `tmpl` with `context` (Environment::render).
/// `line_map`, when given, records where the output came from.
std::string render_template(const Environment& env, const Template& tmpl, const Context& context,
                            LineMap* line_map = nullptr);
/// Runs `tmpl` as a module (Environment::load_module).
TemplateModule run_module(const Environment& env, const Template& tmpl, std::shared_ptr<const Context> context,
                          RenderState* state);

}  // namespace mrun::jinja

namespace mrun::jinja {

/// Thrown by dbt's `return(x)`; the enclosing macro call evaluates to value.
struct ReturnSignal {
  Value value;
};

}  // namespace mrun::jinja
