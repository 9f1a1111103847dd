#include "parse/dbt_context.h"

#include <cstdlib>
#include <iostream>
#include <optional>

#include "db/quote.h"
#include "parse/builtin_macros.h"
#include "parse/dbt_global_macros.h"
#include "parse/datetime_value.h"
#include "parse/introspection.h"
#include "parse/python_helpers.h"
#include "parse/config_value_jinja.h"
#include "jinja/template_error.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::parse {

namespace {

// The node being rendered on this thread (set by DbtContext::render).
thread_local NodeRender* t_render = nullptr;

NodeRender& current(const char* function) {
  if (!t_render || !t_render->node) throw jinja::EvalError(std::string(function) + "() is only available in a node");
  return *t_render;
}

Relation relation_of(const graph::Node& node, const std::string& default_schema) {
  Relation r;
  r.schema = node.database_schema.empty() ? default_schema : node.database_schema;
  r.identifier = node.relation_name.empty() ? node.name : node.relation_name;
  return r;
}

// The relation a render names for `published`: its shadow when the render
// asks for shadows and the run built it (shadow_relations.h).
Relation as_rendered(const Relation& published, const ShadowRelations* shadows) {
  if (!shadows || !t_render || !t_render->shadow) return published;
  return shadows->shadow_of(published).value_or(published);
}

// `this`: the relation of the node being rendered; in a shadow render of a
// model or seed, the shadow it is being built as.
class ThisObject : public jinja::Object {
 public:
  explicit ThisObject(std::string default_schema) : default_schema_(std::move(default_schema)) {}
  jinja::Value attribute(std::string_view name) const override {
    if (!t_render || !t_render->node) return jinja::Value::undefined("this");
    return relation_value(current_relation()).attribute(name);
  }
  std::string str() const override {
    if (!t_render || !t_render->node) return "";
    // A unit test's render of an incremental model: `this` given as rows.
    if (t_render->fixtures && t_render->phase == RenderPhase::Execute) {
      auto given = t_render->fixtures->find("this");
      if (given != t_render->fixtures->end()) return given->second;
    }
    return current_relation().quoted();
  }

 private:
  Relation current_relation() const {
    Relation published = relation_of(*t_render->node, default_schema_);
    if (!t_render->shadow) return published;
    return Relation{shadow_schema(published.schema), published.identifier};
  }

  std::string default_schema_;
};

// `config`: config(...) records a node's configuration in the Parse render;
// config.get(key, default=None) and config.require(key) read it, as dbt's do.
class ConfigObject : public jinja::Object {
 public:
  jinja::Value call(jinja::CallArgs& a) override {
    NodeRender& r = current("config");
    if (r.phase == RenderPhase::Parse) {
      for (const auto& positional : a.positional) {
        if (positional.is_dict()) {
          for (const auto& [k, v] : positional.dict_data().items) r.node->config.set(k.str(), config_value(v));
        }
      }
      for (const auto& [k, v] : a.keyword) r.node->config.set(k, config_value(v));
    }
    return jinja::Value(std::string());
  }
  jinja::Value attribute(std::string_view name) const override {
    if (name != "get" && name != "require") return jinja::Value::undefined(std::string(name));
    bool required = name == "require";
    return jinja::Value::function(std::string(name), [required](jinja::CallArgs& a) {
      NodeRender& r = current("config.get");
      std::string key = a.get(0, "name", jinja::Value("")).str();
      if (r.node->config.has(key)) return template_value(r.node->config.get(key));
      if (required) throw jinja::EvalError("required config '" + key + "' is not set for " + r.node->unique_id);
      return a.get(1, "default", jinja::Value::none());
    });
  }
  std::string str() const override { return "<config>"; }
};

jinja::Value record(std::vector<std::pair<std::string, jinja::Value>> attributes, std::string display) {
  return jinja::Value::object(std::make_shared<jinja::RecordObject>(std::move(attributes), std::move(display)));
}

// A unit test's override of `name` in `group` (macros, vars, env_vars) for
// the node being rendered, or nullptr.
const project::ConfigValue* overridden(const char* group, const std::string& name) {
  if (!t_render || !t_render->overrides) return nullptr;
  const project::ConfigValue* of_group = t_render->overrides->find(group);
  return of_group ? of_group->find(name) : nullptr;
}

// The CTE of a unit test's given rows for `key` ("model" or "source.table"),
// as ref()/source() return it, or nullopt.
std::optional<jinja::Value> fixture_for(const NodeRender& r, const std::string& key, const Relation& relation) {
  if (!r.fixtures || r.phase != RenderPhase::Execute) return std::nullopt;
  auto it = r.fixtures->find(key);
  if (it == r.fixtures->end()) return std::nullopt;
  return relation_value(relation, it->second);
}

std::string string_arg(const jinja::CallArgs& a, size_t index, const char* name, const char* function) {
  jinja::Value v = a.get(index, name, jinja::Value());
  if (v.is_undefined() || v.is_none()) {
    throw jinja::EvalError(std::string(function) + "() needs the argument '" + name + "'");
  }
  return v.str();
}

}  // namespace

DbtContext::DbtContext(const project::ProjectConfig& project, RunSettings settings)
    : project_(project), settings_(std::move(settings)) {
  jinja::EnvironmentOptions options;
  options.dbt_blocks = true;
  options.dbt_return = true;
  options.macros_see_render_context = true;
  options.export_private_names = true;
  env_ = std::make_unique<jinja::Environment>(options);
  std::vector<std::string> dirs;
  for (const auto& p : project.macro_paths) dirs.push_back(project.root_dir + "/" + p);
  for (const auto& p : project.model_paths) dirs.push_back(project.root_dir + "/" + p);
  dirs.push_back(project.root_dir);
  env_->set_loader(std::make_shared<jinja::DirectoryLoader>(dirs));
  namespaces_ = std::make_unique<MacroNamespaces>(project.name, project.dispatch, *env_);
  install_globals();
}

DbtContext::~DbtContext() = default;

void DbtContext::install_globals() {
  const Target& target = settings_.target;
  env_->add_global("target", record({{"name", jinja::Value(target.name)},
                                     {"schema", jinja::Value(target.schema)},
                                     {"type", jinja::Value(target.type)},
                                     {"threads", jinja::Value(target.threads)},
                                     {"database", jinja::Value(std::string(""))},
                                     {"profile_name", jinja::Value(project_.profile)}},
                                    target.name));
  env_->add_global("this", jinja::Value::object(std::make_shared<ThisObject>(target.schema)));
  env_->add_global("run_started_at", datetime_value(settings_.started_at));
  env_->add_global("invocation_id", jinja::Value(settings_.invocation_id));
  env_->add_global("modules", modules_value());
  env_->add_global("project_name", jinja::Value(project_.name));
  // `dbt.<macro>`: the builtin macro even where the project overrides it; `<project>.<macro>`: the root's.
  env_->add_global(MacroNamespaces::kBuiltin, namespaces_->namespace_value(MacroNamespaces::kBuiltin));
  env_->add_global(project_.name, namespaces_->namespace_value(project_.name));
  env_->add_global("flags", record({{"FULL_REFRESH", jinja::Value(settings_.full_refresh)}}, "flags"));

  vars_[project_.name] = template_value(project::vars_for_package(project_, nullptr));
  env_->add_function("var", [this](jinja::CallArgs& a) {
    std::string name = string_arg(a, 0, "name", "var");
    if (const project::ConfigValue* v = overridden("vars", name)) return template_value(*v);
    // The vars of the node's package (scoped as dbt scopes them), else the root project's.
    auto vars = t_render && t_render->node ? vars_.find(t_render->node->package) : vars_.end();
    if (vars == vars_.end()) vars = vars_.find(project_.name);
    if (const jinja::Value* v = vars->second.dict_data().find(std::string_view(name))) return *v;
    jinja::Value fallback = a.get(1, "default", jinja::Value());
    if (!fallback.is_undefined()) return fallback;
    throw jinja::EvalError("Required var '" + name + "' not found in config (set it in project.yml vars or --vars)");
  });
  env_->add_function("env_var", [](jinja::CallArgs& a) {
    std::string name = string_arg(a, 0, "name", "env_var");
    if (const project::ConfigValue* v = overridden("env_vars", name)) return jinja::Value(v->text());
    if (const char* v = std::getenv(name.c_str())) return jinja::Value(std::string(v));
    jinja::Value fallback = a.get(1, "default", jinja::Value());
    if (!fallback.is_undefined()) return fallback;
    throw jinja::EvalError("Env var required but not provided: '" + name + "'");
  });

  env_->add_function("ref", [this](jinja::CallArgs& a) {
    NodeRender& r = current("ref");
    // ref('model') or ref('package', 'model'): the last positional names the model.
    RefCall call;
    if (a.positional.size() >= 2) {
      call = {a.positional[0].str(), a.positional[1].str()};
    } else {
      call.name = string_arg(a, 0, "name", "ref");
    }
    if (r.phase == RenderPhase::Parse) {
      r.refs.push_back(call);
      return relation_value(Relation{settings_.target.schema, call.name});
    }
    size_t index = manifest_ ? lookup_.ref(call, r.node->package) : graph::Manifest::npos;
    if (index == graph::Manifest::npos) {
      std::string shown = call.package.empty() ? "'" + call.name + "'" : "'" + call.package + "', '" + call.name + "'";
      throw jinja::EvalError("ref(" + shown + "): no model, seed or snapshot named '" + call.name + "'" +
                             (call.package.empty() ? "" : " in package '" + call.package + "'"));
    }
    const graph::Node& node = manifest_->nodes[index];
    Relation rel = as_rendered(relation_of(node, settings_.target.schema), shadows_);
    if (auto fixture = fixture_for(r, call.name, rel)) return *fixture;
    if (node.materialized() == "ephemeral") {
      r.ephemerals.push_back(index);
      return relation_value(rel, "__dbt__cte__" + node.name);
    }
    return relation_value(rel);
  });
  env_->add_function("source", [this](jinja::CallArgs& a) {
    NodeRender& r = current("source");
    std::string source_name = string_arg(a, 0, "source_name", "source");
    std::string table_name = string_arg(a, 1, "table_name", "source");
    if (r.phase == RenderPhase::Parse) {
      r.sources.emplace_back(source_name, table_name);
      return relation_value(Relation{source_name, table_name});
    }
    size_t index = manifest_ ? lookup_.source(source_name, table_name, r.node->package) : graph::Manifest::npos;
    if (index == graph::Manifest::npos) {
      throw jinja::EvalError("source('" + source_name + "', '" + table_name + "') is not declared in any sources: block");
    }
    Relation rel = as_rendered(relation_of(manifest_->nodes[index], source_name), shadows_);
    if (auto fixture = fixture_for(r, source_name + "." + table_name, rel)) return *fixture;
    return relation_value(rel);
  });
  env_->add_global("config", jinja::Value::object(std::make_shared<ConfigObject>()));
  env_->add_function("is_incremental", [this](jinja::CallArgs&) {
    NodeRender& r = current("is_incremental");
    if (const project::ConfigValue* v = overridden("macros", "is_incremental")) return jinja::Value(v->as_bool());
    if (r.phase == RenderPhase::Parse || settings_.full_refresh || !catalog_) return jinja::Value(false);
    if (r.node->materialized() != "incremental") return jinja::Value(false);
    auto kind = catalog_->find(relation_of(*r.node, settings_.target.schema));
    return jinja::Value(kind.has_value() && *kind == RelationKind::Table);
  });
  env_->add_function("log", [](jinja::CallArgs& a) {
    bool info = a.get(1, "info", jinja::Value(false)).truthy();
    if (info && t_render && t_render->phase == RenderPhase::Execute && !t_render->silent) {
      std::cout << a.get(0, "msg", jinja::Value("")).str() << std::endl;
    }
    return jinja::Value(std::string());
  });
  env_->add_function("doc", [this](jinja::CallArgs& a) {
    std::string name = string_arg(a, 0, "name", "doc");
    auto it = docs_.find(name);
    if (it == docs_.end()) throw jinja::EvalError("doc('" + name + "'): no {% docs " + name + " %} block");
    return jinja::Value(it->second);
  });

  auto raise_error = jinja::Value::function("raise_compiler_error", [](jinja::CallArgs& a) -> jinja::Value {
    throw jinja::EvalError(a.get(0, "msg", jinja::Value("compilation error")).str());
  });
  auto warn = jinja::Value::function("warn", [](jinja::CallArgs& a) {
    if (!t_render || !t_render->silent) std::cerr << "warning: " << a.get(0, "msg", jinja::Value("")).str() << "\n";
    return jinja::Value(std::string());
  });
  env_->add_global("exceptions", record({{"raise_compiler_error", raise_error}, {"warn", warn}}, "exceptions"));
  auto quote = jinja::Value::function("quote", [](jinja::CallArgs& a) {
    return jinja::Value(db::quote_identifier(a.get(0, "identifier", jinja::Value("")).str()));
  });
  auto quote_string = jinja::Value::function("quote_string", [](jinja::CallArgs& a) {
    return jinja::Value(db::quote_literal(a.get(0, "value", jinja::Value("")).str()));
  });
  env_->add_global("adapter", record({{"quote", quote},
                                      {"quote_string", quote_string},
                                      {"dispatch", namespaces_->dispatch_function(project_.name)}},
                                     "adapter"));
  install_introspection(*env_, target);
  install_python_helpers(*env_);
}

void DbtContext::load_macro_template(const std::string& source, const std::string& name, const std::string& ns) {
  bool builtin = ns == MacroNamespaces::kBuiltin;
  bool global = builtin || ns == project_.name;  // unqualified names reach root and builtin macros
  jinja::TemplatePtr tmpl = env_->parse(source, name);
  record_docs(*tmpl);
  jinja::TemplateModule module = global ? env_->load_module(*tmpl) : env_->load_module(*tmpl, namespaces_->package_scope(ns));
  for (const auto& [macro_name, value] : module.exports) {
    if (!value.is_callable()) continue;
    std::string qualified = global ? macro_name : ns + "." + macro_name;
    if (!builtin) {
      auto [it, inserted] = macro_files_.emplace(qualified, name);
      if (!inserted) {
        throw ConfigError(SourceLocation{name, 0, 0}, "macro '" + qualified + "' is also defined in " + it->second);
      }
    }
    namespaces_->add(ns, macro_name, value);
    if (!global) {
      macro_names_.push_back(qualified);
      continue;
    }
    if (!env_->global(macro_name)) macro_names_.push_back(macro_name);
    env_->add_global(macro_name, value);
  }
}

void DbtContext::load_macros(const std::vector<project::ProjectFile>& macro_files,
                             const std::vector<project::ProjectFile>& docs_files,
                             const std::vector<project::InstalledPackage>& packages) {
  load_macro_template(builtin_macros_source(), "<mrun builtin macros>", MacroNamespaces::kBuiltin);
  load_macro_template(dbt_global_macros_source(), "<mrun dbt global macros>", MacroNamespaces::kBuiltin);
  for (const auto& package : packages) {
    const std::string& ns = package.config.name;
    namespaces_->declare(ns);
    env_->add_global(ns, namespaces_->namespace_value(ns));
    vars_[ns] = template_value(project::vars_for_package(project_, &package.config));
    for (const auto& f : package.files.macros) load_macro_template(read_file(f.path), f.project_path, ns);
    namespaces_->fill_package_scope(ns);
    for (const auto& f : package.files.docs_files) record_docs(*env_->parse(read_file(f.path), f.project_path));
  }
  for (const auto& f : macro_files) load_macro_template(read_file(f.path), f.project_path, project_.name);
  for (const auto& f : docs_files) {
    record_docs(*env_->parse(read_file(f.path), f.project_path));
  }
}

void DbtContext::record_docs(const jinja::Template& tmpl) {
  // Stripped, as dbt stores a docs block's contents.
  for (const auto& docs : tmpl.docs()) docs_[docs.name] = std::string(trim(docs.text));
}

jinja::TemplatePtr DbtContext::parse(const std::string& source, const std::string& name) const {
  return env_->parse(source, name);
}

std::string DbtContext::render(const jinja::Template& tmpl, NodeRender& render) const {
  struct Install {
    NodeRender* previous;
    explicit Install(NodeRender* r) : previous(t_render) { t_render = r; }
    ~Install() { t_render = previous; }
  } install(&render);
  jinja::Context context;
  if (const jinja::Context* package = namespaces_->scope_of(render.node->package)) context = *package;
  context["execute"] = jinja::Value(render.phase == RenderPhase::Execute);
  context["model"] = record({{"name", jinja::Value(render.node->name)},
                             {"unique_id", jinja::Value(render.node->unique_id)},
                             {"resource_type", jinja::Value(graph::kind_name(render.node->kind))},
                             {"package_name", jinja::Value(render.node->package)},
                             {"path", jinja::Value(render.node->path)}},
                            render.node->unique_id);
  return env_->render(tmpl, context, render.line_map);
}

void DbtContext::attach(const graph::Manifest* manifest, const RelationCatalog* catalog) {
  manifest_ = manifest;
  catalog_ = catalog;
  lookup_ = NodeLookup(*manifest, project_.name);
}

bool DbtContext::has_macro(const std::string& name) const {
  const jinja::Value* v = env_->global(name);
  return v && v->is_callable();
}

std::string DbtContext::macro_call(const std::string& package, const std::string& name) const {
  if (!package.empty()) return namespaces_->find(package, name) ? package + "." + name : "";
  if (has_macro(name)) return name;
  for (const auto& ns : namespaces_->namespaces()) {
    if (ns != project_.name && ns != MacroNamespaces::kBuiltin && namespaces_->find(ns, name)) return ns + "." + name;
  }
  return "";
}

bool DbtContext::is_builtin_macro(const std::string& name) const {
  return has_macro(name) && !macro_files_.count(name);
}

project::ConfigValue DbtContext::render_project_config(const project::ConfigValue& value) const {
  if (!value.is_scalar()) return value;
  const std::string& text = value.text();
  if (text.find("{{") == std::string::npos && text.find("{%") == std::string::npos) return value;
  SourceLocation where = value.where();
  std::string rendered(trim(env_->render_string(text, {}, where.str())));
  return project::ConfigValue::plain(
      rendered, project::ConfigValue::Position{std::make_shared<const std::string>(where.file), where.line, where.column});
}

std::string DbtContext::generate_schema_name(const graph::Node& node) const {
  const jinja::Value* macro = env_->global("generate_schema_name");
  if (!macro || !macro->is_callable()) return settings_.target.schema;
  jinja::CallArgs args;
  std::string custom = node.config.get_string("schema");
  args.positional.push_back(custom.empty() ? jinja::Value::none() : jinja::Value(custom));
  args.positional.push_back(record({{"name", jinja::Value(node.name)},
                                    {"unique_id", jinja::Value(node.unique_id)},
                                    {"resource_type", jinja::Value(graph::kind_name(node.kind))},
                                    {"fqn", jinja::Value::list([&] {
                                       std::vector<jinja::Value> parts;
                                       for (const auto& p : node.fqn) parts.emplace_back(p);
                                       return parts;
                                     }())}},
                                   node.unique_id));
  std::string schema(trim(macro->call(args).str()));
  if (schema.empty()) throw ConfigError(node.where, "generate_schema_name returned an empty schema for " + node.name);
  return schema;
}

}  // namespace mrun::parse
