// The dbt context of templates: ref(), source(), config(), var(), env_var(),
// this, is_incremental(), target, run_started_at, invocation_id, log(),
// return(), exceptions, adapter, modules — and the macros of the project,
// of the installed packages and mrun's builtin ones, by namespace as dbt
// keeps them (parse/macro_namespaces.h): a root project macro overrides a
// builtin of its name, `dbt.<macro>` is the builtin, `dbt_utils.star` a
// package's, and inside a package's macros its own macros come first.
//
// Every node is rendered twice, as dbt does: in the Parse phase ref() and
// source() record dependencies and config() records configuration; in the
// Execute phase they resolve to the real relations (after every node's
// schema and alias are known). The functions are environment globals that
// read the node being rendered from a thread-local, so parsed templates and
// macros are shared by all threads.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parse/macro_namespaces.h"
#include "parse/node_lookup.h"
#include "parse/relation.h"
#include "parse/relation_catalog.h"
#include "parse/shadow_relations.h"
#include "parse/target.h"
#include "graph/manifest.h"
#include "jinja/environment.h"
#include "jinja/line_map.h"
#include "project/discovery.h"
#include "project/installed_packages.h"
#include "project/project_config.h"

namespace mrun::parse {

/// Facts about the current invocation that templates can see.
struct RunSettings {
  Target target;
  bool full_refresh = false;
  std::string invocation_id;                          ///< a UUID
  std::chrono::system_clock::time_point started_at;   ///< run_started_at
};

/// Which of the two renders of a node this is.
enum class RenderPhase { Parse, Execute };

/// What one render of one node found and needs.
struct NodeRender {
  graph::Node* node = nullptr;
  RenderPhase phase = RenderPhase::Parse;
  std::vector<RefCall> refs;                                    ///< Parse: the ref() calls
  std::vector<std::pair<std::string, std::string>> sources;     ///< Parse: (source, table) pairs
  std::vector<size_t> ephemerals;                               ///< Execute: ephemeral models referenced (manifest indexes)
  /// Execute: ref(), source() and `this` name the shadow of a relation this
  /// run built (parse/shadow_relations.h) instead of its published name.
  bool shadow = false;
  /// When set, the render records the template line behind its output.
  jinja::LineMap* line_map = nullptr;
  /// Execute, a unit test's render of its model: ref('x'), source('s', 't')
  /// and `this` named here ("x", "s.t", "this") print as the CTE of their
  /// given rows.
  const std::map<std::string, std::string>* fixtures = nullptr;
  /// A unit test's `overrides` (a map of macros, vars, env_vars maps): var()
  /// and env_var() read them first; of macros, is_incremental only.
  const project::ConfigValue* overrides = nullptr;
  /// log() and exceptions.warn print nothing: a render made only to look at
  /// the SQL (exec/test_columns.h), before the node's own render.
  bool silent = false;
};

/// Templates, macros and the dbt functions for one project.
class DbtContext {
 public:
  /// Sets up the environment (dbt blocks, return(), the dbt globals).
  DbtContext(const project::ProjectConfig& project, RunSettings settings);
  ~DbtContext();

  /// Loads the builtin macros, then each installed package's macros (each in
  /// its namespace, with its docs blocks and vars), then the root project's
  /// macro files (and the docs blocks of `docs_files`). Throws
  /// TemplateError/ConfigError with file:line:col; two macros of one name in
  /// one project are an error naming both files.
  void load_macros(const std::vector<project::ProjectFile>& macro_files,
                   const std::vector<project::ProjectFile>& docs_files,
                   const std::vector<project::InstalledPackage>& packages = {});

  /// Parses a node's template; `name` is the path shown in errors.
  jinja::TemplatePtr parse(const std::string& source, const std::string& name) const;

  /// Renders `tmpl` for `render.node` in `render.phase`; returns the text.
  /// Throws TemplateError (a RunError) with the template location.
  std::string render(const jinja::Template& tmpl, NodeRender& render) const;

  /// Gives the Execute phase what it resolves against: the linked manifest
  /// (schemas and aliases set) and the relations that exist now.
  void attach(const graph::Manifest* manifest, const RelationCatalog* catalog);
  /// The relations a `publish: atomic` run built under shadow names, for
  /// renders with NodeRender::shadow (none: every name is the published one).
  void attach_shadows(const ShadowRelations* shadows) { shadows_ = shadows; }

  /// The schema for `node`: the generate_schema_name macro (project's or the
  /// builtin: target schema, or target schema + "_" + custom schema).
  std::string generate_schema_name(const graph::Node& node) const;

  /// A config value of dbt_project.yml as dbt renders it when it reads the
  /// file: a string holding Jinja (`"{{ var('x', true) }}"`) rendered with
  /// var(), env_var(), target and the macros, then read as a YAML scalar
  /// (`True` is a bool); other values as they are. Throws TemplateError
  /// naming where the value was written.
  project::ConfigValue render_project_config(const project::ConfigValue& value) const;

  /// Names of every macro available, builtin and project.
  const std::vector<std::string>& macro_names() const { return macro_names_; }
  /// True when a macro (or test macro `test_<name>`) of that name exists.
  bool has_macro(const std::string& name) const;
  /// How a node's template calls macro `name` of `package` (empty: as an
  /// unqualified name finds it): `name` for a root or builtin macro, else
  /// `<package>.<name>`, unqualified taking the first package (by name) that
  /// has it, as dbt finds generic tests; "" when there is no such macro.
  std::string macro_call(const std::string& package, const std::string& name) const;
  /// True when `name` is a builtin macro that no project macro overrides.
  bool is_builtin_macro(const std::string& name) const;
  /// Docs blocks by name (for doc('name')).
  const std::map<std::string, std::string>& docs() const { return docs_; }
  /// The run's settings.
  const RunSettings& settings() const { return settings_; }
  /// The project.
  const project::ProjectConfig& project() const { return project_; }

 private:
  void install_globals();
  /// Keeps the {% docs %} blocks of `tmpl` for doc().
  void record_docs(const jinja::Template& tmpl);
  /// Loads one macro file into namespace `ns` (MacroNamespaces::kBuiltin,
  /// the root project's name, or a package's).
  void load_macro_template(const std::string& source, const std::string& name, const std::string& ns);

  const project::ProjectConfig& project_;
  RunSettings settings_;
  const ShadowRelations* shadows_ = nullptr;
  std::unique_ptr<jinja::Environment> env_;
  std::unique_ptr<MacroNamespaces> namespaces_;
  const graph::Manifest* manifest_ = nullptr;
  const RelationCatalog* catalog_ = nullptr;
  NodeLookup lookup_;                                  ///< ref() and source() in the Execute phase
  std::map<std::string, jinja::Value> vars_;           ///< package (or root project) -> the vars its nodes see
  std::vector<std::string> macro_names_;
  std::map<std::string, std::string> macro_files_;     ///< root macro name, or package.name -> file (duplicate check)
  std::map<std::string, std::string> docs_;
};

}  // namespace mrun::parse
