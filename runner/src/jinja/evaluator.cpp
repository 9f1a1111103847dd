#include "jinja/evaluator.h"

#include <functional>
#include <unordered_map>

#include "jinja/builtins.h"
#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/template_error.h"

namespace mrun::jinja {

using namespace ast;

Value* Frame::find_local(std::string_view name) {
  for (auto& [k, v] : vars)
    if (k == name) return &v;
  return nullptr;
}

void Frame::set(const std::string& name, Value value) {
  if (Value* v = find_local(name)) *v = std::move(value);
  else vars.emplace_back(name, std::move(value));
}

RenderState::RenderState(const Environment& e, const Context* ctx)
    : env(e), render_context(ctx), stack_base_(static_cast<const char*>(__builtin_frame_address(0))) {}

bool RenderState::strict() const { return env.options().strict_undefined; }

void RenderState::check_depth() {
  const char* here = static_cast<const char*>(__builtin_frame_address(0));
  if (stack_base_ - here > (3 << 20)) throw EvalError("maximum recursion depth exceeded");
  if (env.options().max_steps > 0 && ++steps_ > env.options().max_steps) throw EvalError("render step limit exceeded");
}

Value RenderState::call(const Value& callee, CallArgs& args) {
  if (callee.is_undefined()) fail_undefined(callee);
  args.state = this;
  return callee.call(args);
}

struct TemplateRun {
  struct Entry {
    const ast::BlockStmt* block;
    TemplatePtr tmpl;  ///< keeps the block's syntax tree alive
  };
  std::unordered_map<std::string, std::vector<Entry>> blocks;
  TemplatePtr parent;  ///< chosen by `{% extends %}`, not rendered yet
  FramePtr root;       ///< the top-level scope every template of the chain shares
  std::string name;    ///< the template rendered first (what `self` prints)

  /// Adds the blocks of `t` after those already known (Jinja2's extends).
  void add_blocks(const Template& t) {
    for (const ast::BlockStmt* b : t.body().blocks) blocks[b->name].push_back({b, t.shared_from_this()});
  }
};

namespace {

enum class Flow { Normal, Break, Continue };

/// Sets the template run, top-levelness and autoescape of a RenderState
/// for the lifetime of the guard.
struct RunScope {
  RenderState& st;
  std::shared_ptr<TemplateRun> run;
  bool at_root, autoescape;
  RunScope(RenderState& s, std::shared_ptr<TemplateRun> r, bool root, bool escape)
      : st(s), run(std::move(s.run)), at_root(s.at_root), autoescape(s.autoescape) {
    st.run = std::move(r);
    st.at_root = root;
    st.autoescape = escape;
  }
  ~RunScope() {
    st.run = std::move(run);
    st.at_root = at_root;
    st.autoescape = autoescape;
  }
};

/// Increments the call depth for the lifetime of the guard.
struct DepthGuard {
  RenderState& st;
  explicit DepthGuard(RenderState& s) : st(s) {
    if (++st.depth > st.env.options().max_call_depth) {
      --st.depth;
      throw EvalError("maximum recursion depth exceeded");
    }
  }
  ~DepthGuard() { --st.depth; }
};

/// Restores RenderState::current on scope exit.
struct CurrentTemplate {
  RenderState& st;
  const Template* saved;
  CurrentTemplate(RenderState& s, const Template* t) : st(s), saved(s.current) { st.current = t; }
  ~CurrentTemplate() { st.current = saved; }
};

class LoopObject : public Object, public std::enable_shared_from_this<LoopObject> {
 public:
  std::vector<Value> items;
  size_t index = 0;
  Value last_changed;
  bool changed_once = false;
  int64_t depth0 = 0;
  /// `loop(items)` of a recursive loop; empty for other loops.
  std::function<Value(CallArgs&)> recurse;

  /// Iterating the loop object (`dict(loop)`, `loop|list`) consumes the
  /// items not visited yet, as Jinja2's LoopContext iterator does: it yields
  /// (item, loop) pairs.
  std::vector<Value> iterate() override {
    std::vector<Value> rest;
    Value self = Value::object(shared_from_this());
    for (size_t i = index + 1; i < items.size(); ++i) rest.push_back(Value::tuple({items[i], self}));
    items.resize(std::min(items.size(), index + 1));
    index = items.empty() ? 0 : items.size() - 1;
    return rest;
  }

  Value call(CallArgs& args) override {
    if (!recurse) throw EvalError("The loop must have the 'recursive' marker to be called recursively.");
    return recurse(args);
  }

  Value attribute(std::string_view name) const override {
    int64_t i = static_cast<int64_t>(index), n = static_cast<int64_t>(items.size());
    if (name == "index") return Value(i + 1);
    if (name == "index0") return Value(i);
    if (name == "revindex") return Value(n - i);
    if (name == "revindex0") return Value(n - i - 1);
    if (name == "first") return Value(i == 0);
    if (name == "last") return Value(i == n - 1);
    if (name == "length") return Value(n);
    if (name == "depth") return Value(depth0 + 1);
    if (name == "depth0") return Value(depth0);
    if (name == "previtem") return i > 0 ? items[i - 1] : Value::undefined("there is no previous item");
    if (name == "nextitem") return i + 1 < n ? items[i + 1] : Value::undefined("there is no next item");
    if (name == "cycle")
      return Value::function("cycle", [i](CallArgs& a) {
        if (a.positional.empty()) throw EvalError("no items for cycling given");
        return a.positional[i % a.positional.size()];
      });
    if (name == "changed") {
      auto* self = const_cast<LoopObject*>(this);
      return Value::function("changed", [self](CallArgs& a) {
        Value v = Value::tuple(a.positional);
        if (self->changed_once && v.equals(self->last_changed)) return Value(false);
        self->changed_once = true;
        self->last_changed = v;
        return Value(true);
      });
    }
    return Value::undefined("'LoopContext object' has no attribute '" + std::string(name) + "'");
  }
  std::string str() const override {
    return "<LoopContext " + std::to_string(index + 1) + "/" + std::to_string(items.size()) + ">";
  }
};

/// A module object (`{% import 'x' as m %}`): attributes are the exports.
class ModuleObject : public Object {
 public:
  ModuleObject(TemplateModule m, std::string name) : module_(std::move(m)), name_(std::move(name)) {}
  Value attribute(std::string_view name) const override {
    Value v = module_.get(name);
    if (v.is_undefined()) return Value::undefined("'" + name_ + "' has no attribute '" + std::string(name) + "'");
    return v;
  }
  std::string str() const override { return module_.output; }

 private:
  TemplateModule module_;
  std::string name_;
};

class Evaluator;

/// `self` in a template: `self.name()` renders block `name` (overrides first).
class TemplateReference : public Object {
 public:
  explicit TemplateReference(std::shared_ptr<TemplateRun> run) : run_(std::move(run)) {}
  Value attribute(std::string_view name) const override;
  std::string str() const override { return "<TemplateReference " + string_repr(run_->name) + ">"; }

 private:
  std::shared_ptr<TemplateRun> run_;
};

/// A macro: its definition plus the scope it was defined in. The scope is
/// held weakly (the scope usually stores the macro: a strong pointer would be
/// a reference cycle, leaking every render); module exports get a copy that
/// holds the scope strongly (see strong_copy), so they outlive the module run.
class MacroCallable : public Callable {
 public:
  MacroCallable(const MacroDef* def, TemplatePtr tmpl, const FramePtr& closure, const Environment* env, bool autoescape)
      : def_(def), tmpl_(std::move(tmpl)), closure_(closure), env_(env), autoescape_(autoescape) {}
  Value call(CallArgs& args) const override;
  std::string name() const override { return def_->name; }
  bool is_macro() const override { return true; }
  /// Jinja2's Macro attributes: arguments, catch_kwargs, catch_varargs, caller.
  Value attribute(std::string_view name) const override {
    if (name == "arguments") {
      std::vector<Value> names(def_->params.begin(), def_->params.end());
      return Value::tuple(std::move(names));
    }
    if (name == "catch_kwargs") return Value(def_->uses_kwargs);
    if (name == "catch_varargs") return Value(def_->uses_varargs);
    if (name == "caller") return Value(def_->uses_caller);
    return Callable::attribute(name);
  }
  /// The same macro keeping its defining scope alive.
  Value strong_copy() const {
    auto copy = std::make_shared<MacroCallable>(*this);
    copy->strong_closure_ = closure_.lock();
    return Value::callable(copy);
  }

 private:
  const MacroDef* def_;
  TemplatePtr tmpl_;
  std::weak_ptr<Frame> closure_;
  FramePtr strong_closure_;
  const Environment* env_;
  bool autoescape_;  ///< defined inside `{% autoescape true %}`: returns markup
};

/// Text a body rendered: markup when autoescape is on (Jinja2's Markup(concat)).
Value rendered(std::string text, bool autoescape) {
  return autoescape ? Value::safe_string(std::move(text)) : Value(std::move(text));
}

class Evaluator {
 public:
  explicit Evaluator(RenderState& st) : st_(st) {}

  [[noreturn]] void fail_at(const Pos& p, const std::string& message) const {
    const Template* t = st_.current;
    throw TemplateError(SourceLocation{t ? t->name() : "<template>", p.line, p.column}, message,
                        t ? std::string_view(t->source()) : std::string_view());
  }

  /// A RunError from a native function, located at `p` (once: a located one passes).
  [[noreturn]] void fail_run_at(const Pos& p, const RunError& error) const {
    if (dynamic_cast<const TemplateRunError*>(&error)) throw;
    const Template* t = st_.current;
    throw TemplateRunError(SourceLocation{t ? t->name() : "<template>", p.line, p.column}, error,
                           t ? std::string_view(t->source()) : std::string_view());
  }

  Flow exec_body(const Body& body, const FramePtr& f, std::string& out) {
    for (const auto& s : body) {
      Flow flow = exec(*s, f, out);
      if (flow != Flow::Normal) return flow;
    }
    return Flow::Normal;
  }

  Flow exec(const Stmt& s, const FramePtr& f, std::string& out) {
    if (st_.line_map && &out == st_.root_output) st_.line_map->record(out.size(), s.pos.line, s.kind == StmtKind::Text);
    try {
      return exec_inner(s, f, out);
    } catch (const TemplateError&) {
      throw;
    } catch (const RunError& e) {
      fail_run_at(s.pos, e);
    } catch (const std::exception& e) {
      fail_at(s.pos, e.what());
    }
  }

  Value eval(const Expr& e, const FramePtr& f) {
    try {
      return eval_inner(e, f);
    } catch (const TemplateError&) {
      throw;
    } catch (const RunError& ex) {
      fail_run_at(e.pos, ex);
    } catch (const std::exception& ex) {
      fail_at(e.pos, ex.what());
    }
  }

  Value lookup(const std::string& name, const Frame* f) {
    for (; f; f = f->parent.get()) {
      for (const auto& [k, v] : f->vars)
        if (k == name) return v;
      if (f->context) {
        auto it = f->context->find(name);
        if (it != f->context->end()) return it->second;
        break;
      }
    }
    if (st_.render_context && st_.env.options().macros_see_render_context) {
      auto it = st_.render_context->find(name);
      if (it != st_.render_context->end()) return it->second;
    }
    if (const Value* g = st_.env.global(name)) return *g;
    if (name == "self" && st_.run) return Value::object(std::make_shared<TemplateReference>(st_.run));
    return Value::undefined("'" + name + "' is undefined");
  }

  void assign(const Target& t, const Value& v, const FramePtr& f) {
    switch (t.kind) {
      case Target::Name: f->set(t.name, v); return;
      case Target::NsAttr: {
        Value ns = lookup(t.name, f.get());
        if (!ns.is_object() || !ns.as_object().set_attribute(t.attr, v))
          throw EvalError("can't assign attribute on non-namespace object");
        return;
      }
      case Target::Tuple: {
        std::vector<Value> items = iterate(v, true);
        if (items.size() != t.items.size())
          throw EvalError(items.size() > t.items.size() ? "too many values to unpack (expected " + std::to_string(t.items.size()) + ")"
                                                        : "not enough values to unpack (expected " + std::to_string(t.items.size()) + ", got " + std::to_string(items.size()) + ")");
        for (size_t i = 0; i < items.size(); ++i) assign(t.items[i], items[i], f);
        return;
      }
    }
  }

  Value make_macro(const MacroDef& def, const FramePtr& f) {
    return Value::callable(
        std::make_shared<MacroCallable>(&def, st_.current->shared_from_this(), f, &st_.env, st_.autoescape));
  }

  /// Renders a block body into `text`; a break/continue inside it abandons
  /// the block (as Jinja2's generated code does) and is passed on.
  Flow render_body(const Body& body, const FramePtr& f, std::string& text) { return exec_body(body, f, text); }

  FramePtr child(const FramePtr& f) {
    auto c = std::make_shared<Frame>();
    c->parent = f;
    return c;
  }

  Flow exec_inner(const Stmt& s, const FramePtr& f, std::string& out) {
    st_.check_depth();
    switch (s.kind) {
      case StmtKind::Text:
        if (!output_dropped()) out += static_cast<const TextStmt&>(s).text;
        return Flow::Normal;
      case StmtKind::Print: {
        if (output_dropped()) return Flow::Normal;
        Value v = eval(*static_cast<const ExprStmt&>(s).expr, f);
        if (v.is_undefined() && st_.strict()) fail_undefined(v);
        if (st_.autoescape && !v.is_safe() && !v.is_undefined()) out += html_escape(v.str());
        else v.append_str(out);
        return Flow::Normal;
      }
      case StmtKind::Extends: exec_extends(static_cast<const ExprStmt&>(s), f); return Flow::Normal;
      case StmtKind::Block: exec_block(static_cast<const BlockStmt&>(s), f, out); return Flow::Normal;
      case StmtKind::Autoescape: {
        const auto& n = static_cast<const AutoescapeStmt&>(s);
        bool on = truth(eval(*n.enabled, f));
        RunScope scope(st_, st_.run, st_.at_root, on);
        return exec_body(n.body, child(f), out);
      }
      case StmtKind::Do: eval(*static_cast<const ExprStmt&>(s).expr, f); return Flow::Normal;
      case StmtKind::If: {
        const auto& n = static_cast<const IfStmt&>(s);
        for (const auto& [test, body] : n.branches)
          if (truth(eval(*test, f))) return exec_body(body, f, out);
        return exec_body(n.otherwise, f, out);
      }
      case StmtKind::For: return exec_for(static_cast<const ForStmt&>(s), f, out);
      case StmtKind::Set: {
        const auto& n = static_cast<const SetStmt&>(s);
        assign(n.target, eval(*n.value, f), f);
        return Flow::Normal;
      }
      case StmtKind::SetBlock: {
        const auto& n = static_cast<const SetBlockStmt&>(s);
        std::string body;
        {
          RunScope captured(st_, st_.run, false, st_.autoescape);  // a set block always captures
          if (Flow flow = render_body(n.body, child(f), body); flow != Flow::Normal) return flow;
        }
        Value v = rendered(std::move(body), st_.autoescape);
        if (n.filter) v = eval_filter(static_cast<const FilterExpr&>(*n.filter), f, &v);
        assign(n.target, v, f);
        return Flow::Normal;
      }
      case StmtKind::Macro: {
        const auto& def = static_cast<const MacroStmt&>(s).def;
        f->set(def.name, make_macro(def, f));
        return Flow::Normal;
      }
      case StmtKind::CallBlock: {
        const auto& n = static_cast<const CallBlockStmt&>(s);
        Value caller = make_macro(n.caller, f);
        lookup_call_result(static_cast<const CallExpr&>(*n.call), f, &caller).append_str(out);
        return Flow::Normal;
      }
      case StmtKind::FilterBlock: {
        const auto& n = static_cast<const FilterBlockStmt&>(s);
        std::string body;
        if (Flow flow = render_body(n.body, child(f), body); flow != Flow::Normal) return flow;
        Value v = rendered(std::move(body), st_.autoescape);
        eval_filter(static_cast<const FilterExpr&>(*n.filter), f, &v).append_str(out);
        return Flow::Normal;
      }
      case StmtKind::With: {
        const auto& n = static_cast<const WithStmt&>(s);
        std::vector<Value> values;
        for (const auto& a : n.assignments) values.push_back(eval(*a.second, f));
        FramePtr inner = child(f);
        for (size_t i = 0; i < values.size(); ++i) assign(n.assignments[i].first, values[i], inner);
        return exec_body(n.body, inner, out);
      }
      case StmtKind::Include: exec_include(static_cast<const ImportStmt&>(s), f, out); return Flow::Normal;
      case StmtKind::Import:
      case StmtKind::FromImport: exec_import(static_cast<const ImportStmt&>(s), f); return Flow::Normal;
      case StmtKind::Break: return Flow::Break;
      case StmtKind::Continue: return Flow::Continue;
    }
    return Flow::Normal;
  }

  bool truth(const Value& v) {
    if (v.is_undefined() && st_.strict()) fail_undefined(v);
    return v.truthy();
  }

  Flow exec_for(const ForStmt& n, const FramePtr& f, std::string& out) { return run_loop(n, f, eval(*n.iter, f), 0, out); }

  /// One run of a for loop over `iterable`; `depth` counts `loop(...)` recursions.
  Flow run_loop(const ForStmt& n, const FramePtr& f, const Value& iterable, int64_t depth, std::string& out) {
    std::vector<Value> items = iterate(iterable, st_.strict());
    FramePtr inner = child(f);
    auto loop = std::make_shared<LoopObject>();
    loop->depth0 = depth;
    if (n.recursive)
      loop->recurse = [&n, f, depth](CallArgs& a) -> Value {
        if (a.positional.size() != 1 || !a.keyword.empty()) throw EvalError("loop() takes exactly one argument");
        if (!a.state) throw EvalError("loop() called outside of a render");
        Evaluator ev(*a.state);
        std::string text;
        ev.run_loop(n, f, a.positional[0], depth + 1, text);
        return rendered(std::move(text), a.state->autoescape);
      };
    if (n.filter) {
      for (auto& item : items) {
        assign(n.target, item, inner);
        // Jinja2 re-packs unpacked targets into tuples when a filter is used.
        if (n.target.kind == Target::Tuple) item = Value::tuple(iterate(item, true));
        if (truth(eval(*n.filter, inner))) loop->items.push_back(std::move(item));
      }
    } else {
      loop->items = std::move(items);
    }
    Value loop_value = Value::object(loop);
    // Jinja2 runs the else block unless some iteration finished its body
    // normally (break and continue both skip that bookkeeping).
    bool completed = false;
    for (size_t i = 0; i < loop->items.size(); ++i) {
      loop->index = i;
      st_.check_depth();
      inner->vars.clear();  // Jinja2: every iteration starts from the outer scope
      assign(n.target, loop->items[i], inner);
      inner->set("loop", loop_value);
      Flow flow = exec_body(n.body, inner, out);
      if (flow == Flow::Break) break;
      if (flow == Flow::Normal) completed = true;
    }
    if (!completed) return exec_body(n.otherwise, f, out);
    return Flow::Normal;
  }

  TemplatePtr load(const Value& name, bool ignore_missing) {
    std::vector<Value> names = name.is_list() ? name.list_data().items : std::vector<Value>{name};
    for (const auto& n : names) {
      if (n.is_undefined()) fail_undefined(n);
      if (!n.is_string()) throw EvalError("template name must be a string, got " + type_name(n));
      try {
        return st_.env.get_template(n.as_string());
      } catch (const TemplateError& e) {
        if (e.message.rfind("template not found", 0) != 0) throw;
      }
    }
    if (ignore_missing) return nullptr;
    throw EvalError("template not found: " + (name.is_string() ? name.as_string() : name.repr()));
  }

  void exec_include(const ImportStmt& n, const FramePtr& f, std::string& out) {
    TemplatePtr t = load(eval(*n.template_name, f), n.ignore_missing);
    if (!t) return;
    DepthGuard guard(st_);
    FramePtr inner = std::make_shared<Frame>();
    if (n.with_context) {
      inner->parent = f;
      inner->set("loop", Value::undefined("'loop' is undefined"));  // Jinja2 does not pass the loop on
    } else {
      inner->context = std::make_shared<const Context>();
    }
    run_root(*t, inner, out);
  }

  /// Runs the top level of `tmpl` on `root`, then of each template it
  /// extends (the output before `{% extends %}` and the blocks it defines
  /// are what a child template contributes).
  void run_root(const Template& tmpl, const FramePtr& root, std::string& out) {
    auto run = std::make_shared<TemplateRun>();
    run->root = root;
    run->name = tmpl.name();
    run->add_blocks(tmpl);
    RunScope scope(st_, run, true, false);
    TemplatePtr keep;
    const Template* t = &tmpl;
    for (int level = 0;; ++level) {
      if (level > st_.env.options().max_call_depth) throw EvalError("maximum recursion depth exceeded");
      CurrentTemplate cur(st_, t);
      exec_body(t->body().body, root, out);
      if (!run->parent) return;
      keep = std::move(run->parent);
      run->parent = nullptr;
      t = keep.get();
    }
  }

  /// Whether printed output is dropped: top-level code of a template that
  /// has extended another (only its blocks count).
  bool output_dropped() const { return st_.at_root && st_.run && st_.run->parent; }

  void exec_extends(const ExprStmt& n, const FramePtr& f) {
    if (!st_.run) throw EvalError("extends outside of a template");
    if (st_.run->parent) throw EvalError("extended multiple times");
    Value name = eval(*n.expr, f);
    if (name.is_list()) throw EvalError("unhashable type: '" + type_name(name) + "'");  // get_template, not select
    TemplatePtr t = load(name, false);
    st_.run->add_blocks(*t);
    st_.run->parent = std::move(t);
  }

  void exec_block(const BlockStmt& b, const FramePtr& f, std::string& out) {
    const auto& run = st_.run;
    auto chain = run ? run->blocks.find(b.name) : decltype(run->blocks.end()){};
    if (!run || chain == run->blocks.end()) {  // a block in a macro from another template
      exec_body(b.body, child(f), out);
      return;
    }
    if (output_dropped() && f == run->root) return;  // overridden: the parent renders it
    if (b.required && chain->second.size() <= 1) throw EvalError("Required block '" + b.name + "' not found");
    out += render_block(run, b.name, 0, b.scoped ? f : nullptr);
  }

  /// Renders the `index`th definition of block `name` (0: the overriding
  /// one); a scoped block sees `scope`, others the top-level variables.
  std::string render_block(const std::shared_ptr<TemplateRun>& run, const std::string& name, size_t index,
                           const FramePtr& scope) {
    const auto& chain = run->blocks.at(name);
    const TemplateRun::Entry& entry = chain.at(index);
    DepthGuard guard(st_);
    CurrentTemplate cur(st_, entry.tmpl.get());
    RunScope in_block(st_, run, false, false);
    auto frame = std::make_shared<Frame>();
    frame->parent = scope ? scope : run->root;
    frame->set("super", index + 1 < chain.size()
                            ? block_reference(run, name, index + 1, scope)
                            : Value::undefined("there is no parent block called '" + name + "'."));
    std::string out;
    exec_body(entry.block->body, frame, out);
    return out;
  }

  /// A callable rendering definition `index` of block `name` (`super`, `self.name`).
  static Value block_reference(std::shared_ptr<TemplateRun> run, std::string name, size_t index,
                               FramePtr scope = nullptr) {
    return Value::function(name, [run = std::move(run), name, index, scope](CallArgs& a) -> Value {
      if (!a.state) throw EvalError("block '" + name + "' called outside of a render");
      std::string text = Evaluator(*a.state).render_block(run, name, index, scope);
      return rendered(std::move(text), a.state->autoescape);
    });
  }


  void exec_import(const ImportStmt& n, const FramePtr& f) {
    Value name = eval(*n.template_name, f);
    TemplatePtr t = load(name, false);
    DepthGuard guard(st_);
    std::shared_ptr<const Context> ctx;
    if (n.with_context) {
      auto flat = std::make_shared<Context>();
      for (const Frame* fr = f.get(); fr; fr = fr->parent.get()) {
        for (const auto& [k, v] : fr->vars) flat->emplace(k, v);
        if (fr->context) flat->insert(fr->context->begin(), fr->context->end());
      }
      ctx = flat;
    } else {
      ctx = std::make_shared<const Context>();
    }
    TemplateModule module = run_module(st_.env, *t, ctx, &st_);
    if (n.kind == StmtKind::Import) {
      f->set(n.alias, Value::object(std::make_shared<ModuleObject>(std::move(module), t->name())));
      return;
    }
    for (const auto& [src, alias] : n.names) {
      Value v = module.get(src);
      if (v.is_undefined())
        v = Value::undefined("the template '" + t->name() + "' does not export the requested name '" + src + "'");
      f->set(alias, v);
    }
  }

  void eval_args(const Args& a, const FramePtr& f, CallArgs& out) {
    out.positional.reserve(a.positional.size());
    for (const auto& p : a.positional) out.positional.push_back(eval(*p, f));
    if (a.star) {
      Value v = eval(*a.star, f);
      for (auto& item : iterate(v, true)) out.positional.push_back(std::move(item));
    }
    for (const auto& [k, e] : a.keyword) out.keyword.emplace_back(k, eval(*e, f));
    if (a.starstar) {
      Value v = eval(*a.starstar, f);
      if (!v.is_dict()) throw EvalError("argument after ** must be a mapping, not " + type_name(v));
      for (const auto& [k, val] : v.dict_data().items) {
        if (!k.is_string()) throw EvalError("keywords must be strings");
        out.keyword.emplace_back(k.as_string(), val);
      }
    }
    out.state = &st_;
  }

  Value lookup_call_result(const CallExpr& c, const FramePtr& f, const Value* caller) {
    CallArgs args;
    if (c.callee->kind == ExprKind::Attr) {
      const auto& attr = static_cast<const AttrExpr&>(*c.callee);
      Value obj = eval(*attr.object, f);
      if ((obj.is_string() || obj.is_list() || obj.is_dict()) && has_method(obj, attr.name)) {
        eval_args(c.args, f, args);
        Value result;
        call_method(obj, attr.name, args, result);
        return result;
      }
      Value callee = get_attr(obj, attr.name);
      eval_args(c.args, f, args);
      if (caller) args.keyword.emplace_back("caller", *caller);
      return st_.call(callee, args);
    }
    Value callee = eval(*c.callee, f);
    eval_args(c.args, f, args);
    if (caller) args.keyword.emplace_back("caller", *caller);
    return st_.call(callee, args);
  }

  Value eval_filter(const FilterExpr& fe, const FramePtr& f, const Value* block_value) {
    Value operand = fe.operand ? (fe.operand->kind == ExprKind::Filter && block_value
                                      ? eval_filter(static_cast<const FilterExpr&>(*fe.operand), f, block_value)
                                      : eval(*fe.operand, f))
                               : *block_value;
    if (!fe.fn) throw EvalError("No filter named '" + fe.name + "' found.");
    CallArgs args;
    eval_args(fe.args, f, args);
    if (!operand.is_safe()) return fe.fn(st_, operand, args);
    return keep_markup(fe, operand, args);
  }

  /// A filter on markup: the string methods markupsafe overrides return
  /// markup (and escape their arguments), as Jinja2's filters on Markup do.
  Value keep_markup(const FilterExpr& fe, const Value& operand, CallArgs& args) {
    static const char* const kKeeping[] = {"upper", "lower", "capitalize", "center", "trim", "indent", "replace"};
    bool keeps = false;
    for (const char* name : kKeeping) keeps = keeps || fe.name == name;
    if (fe.name == "replace") {
      if (!st_.autoescape) return fe.fn(st_, Value(operand.str()), args);
      for (auto& arg : args.positional)
        if (arg.is_string() && !arg.is_safe()) arg = Value::safe_string(html_escape(arg.as_string()));
    }
    Value result = fe.fn(st_, operand, args);
    return keeps && result.is_string() ? Value::safe_string(result.as_string()) : result;
  }

  Value eval_inner(const Expr& e, const FramePtr& f) {
    switch (e.kind) {
      case ExprKind::Const: return static_cast<const ConstExpr&>(e).value;
      case ExprKind::Name: return lookup(static_cast<const NameExpr&>(e).name, f.get());
      case ExprKind::List:
      case ExprKind::Tuple: {
        std::vector<Value> items;
        for (const auto& i : static_cast<const SeqExpr&>(e).items) items.push_back(eval(*i, f));
        return e.kind == ExprKind::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
      }
      case ExprKind::Dict: {
        Value d = Value::dict();
        for (const auto& [k, v] : static_cast<const DictExpr&>(e).items) {
          Value key = eval(*k, f);
          check_hashable(key);
          d.dict_data().set(std::move(key), eval(*v, f));
        }
        return d;
      }
      case ExprKind::Neg:
      case ExprKind::Pos: return unary_op(e.kind == ExprKind::Neg, eval(*static_cast<const SeqExpr&>(e).items[0], f));
      case ExprKind::Not: return Value(!truth(eval(*static_cast<const SeqExpr&>(e).items[0], f)));
      case ExprKind::Binary: {
        const auto& b = static_cast<const BinaryExpr&>(e);
        Value l = eval(*b.left, f);
        return binary_op(b.op, l, eval(*b.right, f));
      }
      case ExprKind::And: {
        const auto& b = static_cast<const BinaryExpr&>(e);
        Value l = eval(*b.left, f);
        return truth(l) ? eval(*b.right, f) : l;
      }
      case ExprKind::Or: {
        const auto& b = static_cast<const BinaryExpr&>(e);
        Value l = eval(*b.left, f);
        return truth(l) ? l : eval(*b.right, f);
      }
      case ExprKind::Compare: {
        const auto& c = static_cast<const CompareExpr&>(e);
        Value left = eval(*c.first, f);
        for (const auto& [op, expr] : c.rest) {
          Value right = eval(*expr, f);
          if (st_.strict() && (left.is_undefined() || right.is_undefined()))
            fail_undefined(left.is_undefined() ? left : right);
          if (!compare(op, left, right)) return Value(false);
          left = std::move(right);
        }
        return Value(true);
      }
      case ExprKind::Concat: {
        std::vector<Value> parts;
        bool markup = false;
        for (const auto& p : static_cast<const ConcatExpr&>(e).parts) {
          parts.push_back(eval(*p, f));
          if (parts.back().is_undefined() && st_.strict()) fail_undefined(parts.back());
          markup = markup || parts.back().is_safe();
        }
        // Jinja2's markup_join under autoescape: markup escapes the other parts.
        markup = markup && st_.autoescape;
        std::string s;
        for (const auto& v : parts) {
          if (markup && !v.is_safe()) s += html_escape(v.str());
          else v.append_str(s);
        }
        return markup ? Value::safe_string(std::move(s)) : Value(std::move(s));
      }
      case ExprKind::Cond: {
        const auto& c = static_cast<const CondExpr&>(e);
        if (truth(eval(*c.test, f))) return eval(*c.then, f);
        if (c.otherwise) return eval(*c.otherwise, f);
        return Value::undefined("the inline if-expression evaluated to false and no else section was defined.");
      }
      case ExprKind::Attr: {
        const auto& a = static_cast<const AttrExpr&>(e);
        Value obj = eval(*a.object, f);
        if ((obj.is_string() || obj.is_list() || obj.is_dict()) && has_method(obj, a.name))
          return bound_method(obj, a.name);
        return get_attr(obj, a.name);
      }
      case ExprKind::Item: {
        const auto& it = static_cast<const ItemExpr&>(e);
        Value obj = eval(*it.object, f);
        if (it.index->kind == ExprKind::Slice) {
          const auto& sl = static_cast<const SliceExpr&>(*it.index);
          Value a = sl.start ? eval(*sl.start, f) : Value::none();
          Value b = sl.stop ? eval(*sl.stop, f) : Value::none();
          Value c = sl.step ? eval(*sl.step, f) : Value::none();
          return slice(obj, a, b, c);
        }
        return item_or_attribute(obj, eval(*it.index, f));
      }
      case ExprKind::Slice: throw EvalError("slice outside of a subscript");
      case ExprKind::Call: return lookup_call_result(static_cast<const CallExpr&>(e), f, nullptr);
      case ExprKind::Filter: return eval_filter(static_cast<const FilterExpr&>(e), f, nullptr);
      case ExprKind::Test: {
        const auto& t = static_cast<const TestExpr&>(e);
        Value operand = eval(*t.operand, f);
        if (!t.fn) throw EvalError("No test named '" + t.name + "' found.");
        CallArgs args;
        eval_args(t.args, f, args);
        check_test_arguments(t.name, args);
        return Value(t.fn(st_, operand, args));
      }
    }
    return Value();
  }

 private:
  RenderState& st_;
};

Value MacroCallable::call(CallArgs& args) const {
  std::unique_ptr<RenderState> own;
  RenderState* st = args.state;
  if (!st) {
    own = std::make_unique<RenderState>(*env_, nullptr);
    st = own.get();
  }
  DepthGuard guard(*st);
  CurrentTemplate cur(*st, tmpl_.get());
  bool caller_escapes = st->autoescape;  // Jinja2 passes the caller's eval context
  RunScope in_macro(*st, st->run, false, autoescape_);
  Evaluator ev(*st);
  auto frame = std::make_shared<Frame>();
  frame->parent = closure_.lock();
  if (!frame->parent) frame->context = std::make_shared<const Context>();  // scope gone: globals only
  const auto& params = def_->params;
  size_t npos = args.positional.size();
  std::vector<bool> have(params.size(), false);
  for (size_t i = 0; i < params.size() && i < npos; ++i) {
    frame->vars.emplace_back(params[i], args.positional[i]);
    have[i] = true;
  }
  std::vector<std::pair<Value, Value>> extra;
  Value caller;
  for (const auto& [k, v] : args.keyword) {
    size_t j = 0;
    while (j < params.size() && params[j] != k) ++j;
    if (j < params.size() && !have[j]) {
      frame->set(k, v);
      have[j] = true;
    } else if (k == "caller" && def_->uses_caller && !def_->explicit_caller) {
      caller = v;
    } else {
      extra.emplace_back(Value(k), v);
    }
  }
  for (size_t j = 0; j < params.size(); ++j) {
    if (have[j]) continue;
    if (def_->defaults[j]) frame->set(params[j], ev.eval(*def_->defaults[j], frame));
    else frame->set(params[j], Value::undefined("'" + params[j] + "' is undefined"));
  }
  if (def_->uses_caller && !def_->explicit_caller)
    frame->set("caller", caller.is_undefined() ? Value::undefined("No caller defined") : caller);
  if (def_->uses_kwargs) frame->set("kwargs", Value::dict(std::move(extra)));
  else if (!extra.empty())
    throw EvalError("macro '" + def_->name + "' takes no keyword argument '" + extra[0].first.as_string() + "'");
  if (def_->uses_varargs)
    frame->set("varargs", Value::tuple(npos > params.size() ? std::vector<Value>(args.positional.begin() + params.size(), args.positional.end()) : std::vector<Value>{}));
  else if (npos > params.size())
    throw EvalError("macro '" + def_->name + "' takes not more than " + std::to_string(params.size()) + " argument(s)");
  std::string out;
  try {
    ev.exec_body(def_->body, frame, out);
  } catch (ReturnSignal& r) {
    return r.value;
  }
  return rendered(std::move(out), caller_escapes);
}

Value TemplateReference::attribute(std::string_view name) const {
  std::string key(name);
  if (!run_->blocks.count(key)) return Value::undefined("'TemplateReference' object has no attribute '" + key + "'");
  return Evaluator::block_reference(run_, key, 0);
}

}  // namespace

std::string render_template(const Environment& env, const Template& tmpl, const Context& context, LineMap* line_map) {
  RenderState st(env, &context);
  CurrentTemplate cur(st, &tmpl);
  auto root = std::make_shared<Frame>();
  root->context = std::shared_ptr<const Context>(std::shared_ptr<void>(), &context);
  std::string out;
  st.line_map = line_map;
  st.root_output = &out;
  try {
    Evaluator(st).run_root(tmpl, root, out);
  } catch (ReturnSignal&) {
    throw TemplateError(SourceLocation{tmpl.name(), 0, 0}, "return() called outside of a macro", "");
  }
  return out;
}

TemplateModule run_module(const Environment& env, const Template& tmpl, std::shared_ptr<const Context> context,
                          RenderState* state) {
  std::unique_ptr<RenderState> own;
  if (!state) {
    own = std::make_unique<RenderState>(env, context.get());
    state = own.get();
  }
  CurrentTemplate cur(*state, &tmpl);
  auto root = std::make_shared<Frame>();
  root->context = std::move(context);
  TemplateModule module;
  try {
    Evaluator(*state).run_root(tmpl, root, module.output);
  } catch (ReturnSignal&) {
    throw TemplateError(SourceLocation{tmpl.name(), 0, 0}, "return() called outside of a macro", "");
  }
  for (const auto& [k, v] : root->vars) {
    if (k.empty() || (k[0] == '_' && !env.options().export_private_names)) continue;
    const auto* macro = v.is_callable() ? dynamic_cast<const MacroCallable*>(&v.as_callable()) : nullptr;
    module.exports.emplace_back(k, macro ? macro->strong_copy() : v);
  }
  return module;
}

}  // namespace mrun::jinja
