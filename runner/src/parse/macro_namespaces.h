// The macros of a project by namespace, as dbt keeps them: `dbt` (mrun's
// builtin macros, dbt's internal package), the root project's, and each
// installed package's (`dbt_utils`).
//
// How templates find them:
// - `<namespace>.<macro>` (`dbt_utils.star`, `dbt.type_string`) reaches any
//   namespace: namespace_value() is the object each namespace name is bound to.
// - Unqualified names find the root project's macros, then the builtin ones
//   (environment globals, parse/dbt_context.h); inside a package's macros,
//   that package's own macros come first: package_scope() is the lexical
//   scope its macro files are loaded with (jinja::Environment::load_module).
// - adapter.dispatch(name, macro_namespace) searches packages in dbt's order
//   (dispatch()).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "jinja/environment.h"
#include "project/project_config.h"

namespace mrun::parse {

/// Every macro by namespace, and adapter.dispatch over them.
class MacroNamespaces {
 public:
  /// The namespace of mrun's builtin macros (dbt's internal package).
  static constexpr const char* kBuiltin = "dbt";

  /// `root_project` names the root project's namespace; `dispatch` is its
  /// `dispatch:` config; `env` is where the global `adapter` lives (the
  /// adapter a package's macros see forwards to it, but dispatches as them).
  MacroNamespaces(std::string root_project, std::vector<project::DispatchConfig> dispatch,
                  const jinja::Environment& env);

  /// Declares namespace `ns` (a package installed, even without macros).
  void declare(const std::string& ns);
  /// Adds `macro` as `ns.name` (declaring `ns`).
  void add(const std::string& ns, const std::string& name, jinja::Value macro);
  /// The macro `ns.name`, or nullptr.
  const jinja::Value* find(const std::string& ns, const std::string& name) const;
  /// True when `ns` is a declared namespace.
  bool has_namespace(const std::string& ns) const { return macros_.count(ns) > 0; }
  /// The declared namespaces (builtin, root, packages), sorted.
  std::vector<std::string> namespaces() const;

  /// The object `ns` names in templates: its attributes are the namespace's
  /// macros (an unknown one is an undefined value naming the namespace).
  jinja::Value namespace_value(const std::string& ns) const;

  /// The lexical scope of package `ns`'s macros: its macros by name, and an
  /// `adapter` whose dispatch() searches as that package's macros. The same
  /// scope every call; filled by fill_package_scope() once its macros are added.
  std::shared_ptr<const jinja::Context> package_scope(const std::string& ns);
  /// Puts package `ns`'s macros into its scope (call after adding them all).
  void fill_package_scope(const std::string& ns);
  /// The filled scope of package `ns`, or nullptr for the root project, `dbt`
  /// and unknown names. A package's nodes render with it too (dbt: a node's
  /// own package's macros come first).
  const jinja::Context* scope_of(const std::string& ns) const;

  /// adapter.dispatch(macro_name, macro_namespace) as dbt does it, called from
  /// a macro of `calling_package`. The packages searched:
  /// - for a namespace N: the `dispatch:` search_order for N, else
  ///   [root project, N] when N is a known namespace;
  /// - otherwise (no namespace, or an unknown one): the root project, then
  ///   `calling_package`, then `dbt`.
  /// In each package: `postgres__<name>`, then `default__<name>`. Returns the
  /// first macro found; throws an EvalError listing what was searched.
  jinja::Value dispatch(const std::string& macro_name, const jinja::Value& macro_namespace,
                        const std::string& calling_package) const;
  /// The `dispatch` function of an adapter seen by `calling_package`'s macros.
  jinja::Value dispatch_function(std::string calling_package) const;

 private:
  std::vector<std::string> search_packages(const jinja::Value& macro_namespace, const std::string& calling_package) const;

  std::string root_project_;
  std::vector<project::DispatchConfig> dispatch_config_;
  const jinja::Environment& env_;
  std::map<std::string, std::map<std::string, jinja::Value>> macros_;  ///< namespace -> macro name -> macro
  std::map<std::string, std::shared_ptr<jinja::Context>> scopes_;      ///< package -> its macros' scope
};

}  // namespace mrun::parse
