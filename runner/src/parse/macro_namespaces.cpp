#include "parse/macro_namespaces.h"

#include <algorithm>

#include "util/strings.h"

namespace mrun::parse {

namespace {

// The adapter prefixes dispatch tries in each package, in order.
const std::vector<std::string> kAdapterPrefixes = {"postgres", "default"};

// What a namespace name is bound to: `dbt_utils.star` is attribute `star`.
class NamespaceObject : public jinja::Object {
 public:
  NamespaceObject(const MacroNamespaces& namespaces, std::string ns) : namespaces_(namespaces), ns_(std::move(ns)) {}
  jinja::Value attribute(std::string_view name) const override {
    if (const jinja::Value* macro = namespaces_.find(ns_, std::string(name))) return *macro;
    return jinja::Value::undefined("'" + ns_ + "' has no macro named '" + std::string(name) + "'");
  }
  std::string str() const override { return "<namespace " + ns_ + ">"; }

 private:
  const MacroNamespaces& namespaces_;
  std::string ns_;
};

// The `adapter` a package's macros see: the global adapter, except that
// dispatch() searches as that package's macros.
class PackageAdapter : public jinja::Object {
 public:
  PackageAdapter(const jinja::Environment& env, jinja::Value dispatch) : env_(env), dispatch_(std::move(dispatch)) {}
  jinja::Value attribute(std::string_view name) const override {
    if (name == "dispatch") return dispatch_;
    const jinja::Value* adapter = env_.global("adapter");
    if (!adapter) return jinja::Value::undefined("'adapter' has no attribute '" + std::string(name) + "'");
    return adapter->attribute(name);
  }
  std::string str() const override { return "adapter"; }

 private:
  const jinja::Environment& env_;
  jinja::Value dispatch_;
};

}  // namespace

MacroNamespaces::MacroNamespaces(std::string root_project, std::vector<project::DispatchConfig> dispatch,
                                 const jinja::Environment& env)
    : root_project_(std::move(root_project)), dispatch_config_(std::move(dispatch)), env_(env) {
  declare(kBuiltin);
  declare(root_project_);
}

void MacroNamespaces::declare(const std::string& ns) { macros_[ns]; }

void MacroNamespaces::add(const std::string& ns, const std::string& name, jinja::Value macro) {
  macros_[ns][name] = std::move(macro);
}

const jinja::Value* MacroNamespaces::find(const std::string& ns, const std::string& name) const {
  auto space = macros_.find(ns);
  if (space == macros_.end()) return nullptr;
  auto it = space->second.find(name);
  return it == space->second.end() ? nullptr : &it->second;
}

std::vector<std::string> MacroNamespaces::namespaces() const {
  std::vector<std::string> names;
  for (const auto& [ns, macros] : macros_) names.push_back(ns);
  return names;
}

jinja::Value MacroNamespaces::namespace_value(const std::string& ns) const {
  return jinja::Value::object(std::make_shared<NamespaceObject>(*this, ns));
}

std::shared_ptr<const jinja::Context> MacroNamespaces::package_scope(const std::string& ns) {
  auto& scope = scopes_[ns];
  if (!scope) scope = std::make_shared<jinja::Context>();
  return scope;
}

void MacroNamespaces::fill_package_scope(const std::string& ns) {
  package_scope(ns);
  jinja::Context& scope = *scopes_[ns];
  auto space = macros_.find(ns);
  if (space != macros_.end()) {
    for (const auto& [name, macro] : space->second) scope[name] = macro;
  }
  scope["adapter"] = jinja::Value::object(std::make_shared<PackageAdapter>(env_, dispatch_function(ns)));
}

const jinja::Context* MacroNamespaces::scope_of(const std::string& ns) const {
  auto it = scopes_.find(ns);
  return it == scopes_.end() ? nullptr : it->second.get();
}

std::vector<std::string> MacroNamespaces::search_packages(const jinja::Value& macro_namespace,
                                                          const std::string& calling_package) const {
  if (macro_namespace.is_string()) {
    const std::string& ns = macro_namespace.as_string();
    for (const auto& entry : dispatch_config_) {
      if (entry.macro_namespace == ns) return entry.search_order;
    }
    if (has_namespace(ns)) return {root_project_, ns};
  } else if (!macro_namespace.is_undefined() && !macro_namespace.is_none()) {
    throw jinja::EvalError("adapter.dispatch: macro_namespace must be a string (a package name), not " +
                           macro_namespace.repr());
  }
  std::vector<std::string> packages = {root_project_};
  if (calling_package != root_project_ && calling_package != kBuiltin) packages.push_back(calling_package);
  packages.push_back(kBuiltin);
  return packages;
}

jinja::Value MacroNamespaces::dispatch(const std::string& macro_name, const jinja::Value& macro_namespace,
                                       const std::string& calling_package) const {
  if (auto dot = macro_name.find('.'); dot != std::string::npos) {
    throw jinja::EvalError("adapter.dispatch('" + macro_name + "'): the macro name must not contain a '.'; write adapter.dispatch('" +
                           macro_name.substr(dot + 1) + "', macro_namespace='" + macro_name.substr(0, dot) + "')");
  }
  std::vector<std::string> attempts;
  for (const auto& package : search_packages(macro_namespace, calling_package)) {
    if (!has_namespace(package)) {
      throw jinja::EvalError("adapter.dispatch('" + macro_name + "'): the search order names package '" + package +
                             "', which is not installed (known: " + join(namespaces(), ", ") + ")");
    }
    for (const auto& prefix : kAdapterPrefixes) {
      std::string candidate = prefix + "__" + macro_name;
      if (const jinja::Value* macro = find(package, candidate)) return *macro;
      attempts.push_back(package + "." + candidate);
    }
  }
  std::string ns = macro_namespace.is_string() ? "'" + macro_namespace.as_string() + "'" : "None";
  throw jinja::EvalError("In dispatch: no macro named '" + macro_name + "' found within namespace " + ns +
                         "; searched for: " + join(attempts, ", "));
}

jinja::Value MacroNamespaces::dispatch_function(std::string calling_package) const {
  return jinja::Value::function("dispatch", [this, calling_package](jinja::CallArgs& a) {
    if (a.kwarg("packages")) {
      throw jinja::EvalError("adapter.dispatch: the 'packages' argument is no longer supported; use macro_namespace "
                             "and a dispatch: config in dbt_project.yml");
    }
    a.check("adapter.dispatch", {"macro_name", "macro_namespace"});
    jinja::Value name = a.get(0, "macro_name", jinja::Value());
    if (!name.is_string()) throw jinja::EvalError("adapter.dispatch needs the macro name (a string)");
    return dispatch(name.as_string(), a.get(1, "macro_namespace", jinja::Value::none()), calling_package);
  });
}

}  // namespace mrun::parse
