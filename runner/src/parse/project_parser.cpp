#include "parse/project_parser.h"

#include "jinja/template_error.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "db/quote.h"
#include "jinja/value.h"
#include "project/project_config.h"
#include "parse/call_location.h"
#include "parse/config_value_jinja.h"
#include "parse/node_lookup.h"
#include "parse/snapshot_blocks.h"
#include "parse/snapshot_config.h"
#include "parse/unsupported_features.h"
#include "util/closest_name.h"
#include "util/md5_digest.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace mrun::parse {

namespace {

using graph::Node;
using graph::NodeKind;

struct SpecIndex {
  std::map<std::string, const project::ModelSpec*> models;
  std::map<std::string, const project::ModelSpec*> seeds;
  std::map<std::string, const project::ModelSpec*> snapshots;
};

void apply_spec(Node& node, const project::ModelSpec* spec) {
  if (!spec) return;
  node.config.merge(spec->config);
  node.description = spec->description;
  node.constraints = spec->constraints;
  for (const auto& c : spec->columns) node.columns.push_back({c.name, c.description, c.data_type, c.constraints});
}

// True for a test argument written as a ref()/source() call, which dbt
// renders as an expression (and which makes the test depend on that node).
bool is_relation_call(const project::ConfigValue& value) {
  if (!value.is_scalar()) return false;
  std::string_view text = trim(value.text());
  for (std::string_view function : {"ref", "source"}) {
    if (!text.starts_with(function)) continue;
    std::string_view rest = trim(text.substr(function.size()));
    if (rest.size() >= 2 && rest.front() == '(' && rest.back() == ')') return true;
  }
  return false;
}

// `text` with each run of characters other than [0-9a-zA-Z_] made one '_'.
std::string underscore_unsafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_unsafe_run = false;
  for (char c : text) {
    bool safe = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (safe) out += c;
    else if (!in_unsafe_run) out += '_';
    in_unsafe_run = !safe;
  }
  return out;
}

// A test argument as template code: relation calls stay expressions,
// everything else becomes a literal.
std::string argument_expression(const project::ConfigValue& value) {
  return is_relation_call(value) ? value.text() : template_value(value).repr();
}

// The column as a generic test's SQL sees it (`column_name`): with the
// column's `quote: true`, a quoted identifier (dbt quotes it too; a '"' in
// the name is doubled); otherwise the name as written, as in dbt, which may
// be an expression but must stay one piece of the test's statement.
std::string column_sql(const project::TestUse& use) {
  if (use.quote_column) return db::quote_identifier(use.column);
  std::string why = db::why_not_self_contained(use.column);
  if (!why.empty()) {
    throw ConfigError(use.where, "column '" + use.column + "' " + why +
                                     " where its tests paste it into SQL: set `quote: true` on the column to quote it");
  }
  return use.column;
}

// dbt's generic test name: <test>_<model>[_<column>]__<arg values>, the
// arguments in key order, each run of other characters made one '_'.
std::string test_node_name(const project::TestUse& use, const std::string& model_name) {
  if (!use.custom_name.empty()) return use.custom_name;
  std::map<std::string_view, const project::ConfigValue*> sorted;
  for (const auto& [key, value] : use.arguments.entries()) sorted[key] = &value;
  std::vector<std::string> parts;
  for (const auto& [key, value] : sorted) {
    if (value->is_list()) {
      for (const auto& item : value->items()) parts.push_back(item.text());
    } else if (value->is_map()) {
      for (const auto& [item_key, item] : value->entries()) parts.push_back(item.text());
    } else if (!value->is_null()) {
      parts.push_back(value->text());
    }
  }
  for (auto& part : parts) part = underscore_unsafe(part);
  std::string name = use.test_name + "_" + model_name + (use.column.empty() ? "" : "_" + use.column);
  if (!parts.empty()) name += "__" + join(parts, "__");
  name = underscore_unsafe(name);
  if (name.size() > 120) name = name.substr(0, 100) + "_" + md5_hex(name).substr(0, 10);
  return name;
}

// The test macro a schema file's test name calls: "unique" is test_unique,
// "dbt_utils.equality" dbt_utils' test_equality; "" when there is none.
std::string test_macro_call(const DbtContext& context, const std::string& test_name) {
  auto dot = test_name.find('.');
  if (dot == std::string::npos) return context.macro_call("", "test_" + test_name);
  return context.macro_call(test_name.substr(0, dot), "test_" + test_name.substr(dot + 1));
}

// The root project or an installed package: its files, and what the parse read from them.
struct Part {
  const project::ProjectConfig* config;
  const project::ProjectFiles* files;
  std::vector<project::SchemaFile> schema_files;
  SpecIndex specs;
  std::vector<std::string> model_texts;     ///< per files->models, until add_models() takes them
  std::vector<std::string> singular_texts;  ///< per files->singular_tests

  const std::string& name() const { return config->name; }
};

class Parser {
 public:
  Parser(const project::ProjectConfig& config, const project::ProjectFiles& files,
         const std::vector<project::InstalledPackage>& packages, DbtContext& context)
      : config_(config), context_(context) {
    parts_.reserve(1 + packages.size());
    parts_.push_back(Part{&config, &files, {}, {}, {}, {}});
    for (const auto& package : packages) parts_.push_back(Part{&package.config, &package.files, {}, {}, {}, {}});
  }

  ParsedProject run() {
    for (auto& part : parts_) load_files(part);
    out_.manifest.reserve(expected_node_count());
    for (auto& part : parts_) add_sources(part);
    for (auto& part : parts_) add_models(part);
    for (auto& part : parts_) add_snapshots(part);
    render_queued();  // model configs decide schemas, which tests need
    for (auto& part : parts_) add_seeds(part);
    resolve_relations();
    add_generic_tests();
    for (auto& part : parts_) add_singular_tests(part);
    for (auto& part : parts_) add_unit_tests(part);
    render_queued();
    resolve_dependencies();
    check_unit_test_inputs();
    render_descriptions();
    out_.manifest.link();
    for (auto& warning : unsupported_feature_warnings(out_.manifest)) out_.warnings.push_back(std::move(warning));
    out_.schema_files = std::move(parts_.front().schema_files);  // the root's: its sources are the loader's
    return std::move(out_);
  }

 private:
  // The work of a cold parse that needs nothing else: YAML of the schema
  // files, and reading every model and singular test. It runs on every core
  // in one pass; results, warnings and the first error keep file order.
  void load_files(Part& part) {
    const auto& schema = part.files->schema_files;
    const auto& models = part.files->models;
    const auto& singular = part.files->singular_tests;
    std::vector<project::SchemaFile> parsed(schema.size());
    std::vector<std::vector<std::string>> warnings(schema.size());
    part.model_texts.resize(models.size());
    part.singular_texts.resize(singular.size());
    size_t count = schema.size() + models.size() + singular.size();
    run_in_parallel_or_throw(count, [&](size_t k) {
      if (k < schema.size()) {
        parsed[k] = project::load_schema_file(schema[k].path, schema[k].project_path, warnings[k]);
      } else if (k < schema.size() + models.size()) {
        part.model_texts[k - schema.size()] = read_file(models[k - schema.size()].path);
      } else {
        part.singular_texts[k - schema.size() - models.size()] =
            read_file(singular[k - schema.size() - models.size()].path);
      }
    });
    for (size_t k = 0; k < schema.size(); ++k) {
      out_.warnings.insert(out_.warnings.end(), warnings[k].begin(), warnings[k].end());
      part.schema_files.push_back(std::move(parsed[k]));
    }
    ignore_sources_under_seed_paths(part);
    for (const auto& sf : part.schema_files) {
      for (const auto& m : sf.models) part.specs.models[m.name] = &m;
      for (const auto& s : sf.seeds) part.specs.seeds[s.name] = &s;
      for (const auto& s : sf.snapshots) part.specs.snapshots[s.name] = &s;
    }
  }

  // Sources are declared under model-paths: the `sources:` of a schema file
  // under seed-paths are not read (neither as nodes nor by `mrun load`),
  // with a warning at the first one.
  void ignore_sources_under_seed_paths(Part& part) {
    std::set<std::string_view> seed_files;
    for (const auto& f : part.files->seed_schema_files) seed_files.insert(f.project_path);
    for (auto& sf : part.schema_files) {
      if (sf.sources.empty() || !seed_files.count(sf.path)) continue;
      out_.warnings.push_back(sf.sources.front().where.str() +
                              ": sources: in a file under seed-paths are not read (declare them under model-paths)");
      sf.sources.clear();
    }
  }

  // Every node the project will have, so the manifest never regrows (moving
  // 30,000 nodes at each doubling showed in `mrun ls`).
  size_t expected_node_count() const {
    size_t count = 0;
    auto tests_of = [](const auto& spec) {
      size_t n = spec.tests.size();
      for (const auto& c : spec.columns) n += c.tests.size();
      return n;
    };
    for (const auto& part : parts_) {
      count += part.files->models.size() + part.files->seeds.size() + part.files->singular_tests.size() +
               part.files->snapshots.size();
      for (const auto& sf : part.schema_files) count += sf.unit_tests.size();
      for (const auto& sf : part.schema_files) {
        for (const auto& m : sf.models) count += tests_of(m);
        for (const auto& s : sf.seeds) count += tests_of(s);
        for (const auto& s : sf.snapshots) count += 1 + tests_of(s);
        for (const auto& src : sf.sources)
          for (const auto& t : src.tables) count += 1 + tests_of(t);
      }
    }
    return count;
  }

  void add_sources(const Part& part) {
    for (const auto& sf : part.schema_files) {
      for (const auto& src : sf.sources) {
        for (const auto& table : src.tables) {
          Node n;
          n.kind = NodeKind::Source;
          n.unique_id = "source." + part.name() + "." + src.name + "." + table.name;
          n.name = table.name;
          n.source_name = src.name;
          n.package = part.name();
          n.path = n.original_file_path = sf.path;
          n.fqn = {part.name(), src.name, table.name};
          n.description = table.description;
          for (const auto& c : table.columns) n.columns.push_back({c.name, c.description, c.data_type, c.constraints});
          n.database_schema = src.schema;
          n.relation_name = table.identifier;
          n.where = table.where;
          out_.manifest.add(std::move(n));
          source_specs_.push_back({&part, &src, &table});
        }
      }
    }
  }

  // The folder configs of a node of `part` from the `tree` (models:, seeds:,
  // tests:) of its project file; for a package's node, the root project's
  // `<package>:` block over them (the root wins, as in dbt).
  project::ConfigMap folder_config(const Part& part, project::ConfigValue project::ProjectConfig::*tree,
                                   const std::vector<std::string>& folders, const std::string& name) const {
    project::ConfigMap config = project::folder_config(part.config->*tree, part.name(), folders, name);
    if (part.config != &config_) config.merge(project::folder_config(config_.*tree, part.name(), folders, name));
    return rendered(config);
  }

  // `config` from a project file with its Jinja rendered as dbt renders
  // dbt_project.yml (`+enabled: "{{ var('x', true) }}"`), except the hooks,
  // which are rendered when they run.
  project::ConfigMap rendered(project::ConfigMap config) const {
    // Hooks render when they run; tags (which append when set) are taken as written.
    static const std::set<std::string> kAsWritten = {"pre_hook", "post_hook", "tags"};
    std::vector<std::pair<std::string, project::ConfigValue>> changed;
    for (const auto& [key, value] : config.entries()) {
      if (kAsWritten.count(key) || !value.is_scalar()) continue;
      project::ConfigValue text = context_.render_project_config(value);
      if (text.text() != value.text()) changed.emplace_back(key, std::move(text));
    }
    for (auto& [key, value] : changed) config.set(key, value);
    return config;
  }

  // A node for a file of the project: ids, fqn and folder config as dbt makes them.
  Node file_node(NodeKind kind, const Part& part, const project::ProjectFile& f,
                 project::ConfigValue project::ProjectConfig::*tree) const {
    Node n;
    n.kind = kind;
    n.name = f.name;
    n.unique_id = std::string(graph::kind_name(kind)) + "." + part.name() + "." + f.name;
    n.package = part.name();
    n.path = n.original_file_path = f.project_path;
    n.fqn.push_back(part.name());
    n.fqn.insert(n.fqn.end(), f.folders.begin(), f.folders.end());
    n.fqn.push_back(f.name);
    n.config = folder_config(part, tree, f.folders, f.name);
    n.where = SourceLocation{f.project_path, kind == NodeKind::Seed ? 0 : 1, kind == NodeKind::Seed ? 0 : 1};
    return n;
  }

  // The model nodes are made on every core (folder configs may render
  // Jinja), then added in file order.
  void add_models(Part& part) {
    const auto& models = part.files->models;
    size_t first = make_nodes_in_place(models.size(), [&](size_t k, Node& n) {
      const auto& f = models[k];
      n = file_node(NodeKind::Model, part, f, &project::ProjectConfig::models);
      auto spec = part.specs.models.find(f.name);
      apply_spec(n, spec == part.specs.models.end() ? nullptr : spec->second);
      n.raw_code = std::move(part.model_texts[k]);
    });
    for (size_t k = 0; k < models.size(); ++k) {
      out_.manifest.add_placed(first + k);
      queued_.push_back({first + k, nullptr});
    }
  }

  // Snapshots: each {% snapshot %} block of the files under snapshot-paths,
  // and each `snapshots:` entry of a schema file with a `relation:` (dbt
  // 1.9's YAML-defined snapshots: `select * from` that relation). Their
  // configs: dbt_project.yml `snapshots:` < schema file < config().
  void add_snapshots(const Part& part) {
    for (const auto& f : part.files->snapshots) {
      std::string text = read_file(f.path);
      for (SnapshotBlock& block : find_snapshot_blocks(text, f.project_path)) {
        Node n = snapshot_node(part, block.name, f.project_path, f.folders, block.where);
        n.raw_code = std::move(block.body);
        jinja::TemplatePtr parsed;
        try {
          parsed = context_.parse(block.placed_body, f.project_path);
        } catch (const jinja::TemplateError&) {
          // render_queued() parses raw_code again and keeps the error with the node
        }
        parse_node(std::move(n), std::move(parsed));
      }
    }
    for (size_t k = 0; k < part.schema_files.size(); ++k) {
      for (const auto& spec : part.schema_files[k].snapshots) {
        if (spec.relation.empty()) continue;
        if (!is_relation_call(project::ConfigValue::plain(spec.relation)))
          throw ConfigError(spec.relation_where, "snapshot " + spec.name + ": relation must be ref('...') or "
                                                 "source('...', '...'), not '" + spec.relation + "'");
        Node n = snapshot_node(part, spec.name, part.schema_files[k].path, part.files->schema_files[k].folders,
                               spec.where);
        n.raw_code = "select * from {{ " + spec.relation + " }}";
        parse_node(std::move(n));
      }
    }
  }

  // A snapshot node of `part` named `name`, declared in `path` at `where`,
  // with its folder and schema-file configs.
  Node snapshot_node(const Part& part, const std::string& name, const std::string& path,
                     const std::vector<std::string>& folders, const SourceLocation& where) const {
    Node n;
    n.kind = NodeKind::Snapshot;
    n.name = name;
    n.unique_id = "snapshot." + part.name() + "." + name;
    n.package = part.name();
    n.path = n.original_file_path = path;
    n.fqn.push_back(part.name());
    n.fqn.insert(n.fqn.end(), folders.begin(), folders.end());
    n.fqn.push_back(name);
    n.config = folder_config(part, &project::ProjectConfig::snapshots, folders, name);
    auto spec = part.specs.snapshots.find(name);
    apply_spec(n, spec == part.specs.snapshots.end() ? nullptr : spec->second);
    n.where = where;
    return n;
  }

  void add_seeds(const Part& part) {
    for (const auto& f : part.files->seeds) {
      Node n = file_node(NodeKind::Seed, part, f, &project::ProjectConfig::seeds);
      auto spec = part.specs.seeds.find(f.name);
      apply_spec(n, spec == part.specs.seeds.end() ? nullptr : spec->second);
      out_.manifest.add(std::move(n));
    }
  }

  // Adds a node whose template is rendered later, in parallel, by
  // render_queued(); `parsed` is its template when parsed already.
  // Makes `count` nodes in their places at the end of the manifest (its room
  // is reserved: no vector of nodes of their own moved in after, no fresh
  // memory for them twice), make(k, node) on every core; the caller adds
  // them (Manifest::add_placed) in order. Returns the index of the first.
  size_t make_nodes_in_place(size_t count, const std::function<void(size_t, Node&)>& make) {
    auto& nodes = out_.manifest.nodes;
    size_t first = nodes.size();
    nodes.resize(first + count);
    run_in_parallel_or_throw(count, [&](size_t k) { make(k, nodes[first + k]); });
    return first;
  }

  void parse_node(Node node, jinja::TemplatePtr parsed = nullptr) {
    queued_.push_back({out_.manifest.add(std::move(node)), std::move(parsed)});
  }

  // Parses and renders the queued nodes in the Parse phase on every core and
  // records what each references. Each render touches only its own node, and
  // nothing is added to the manifest meanwhile. A template is dropped once
  // rendered, and parsed again when its node is compiled: its memory is
  // reused by the next parse on that thread (on a VM, touching fresh memory
  // costs more than parsing a template twice: 10,000 models' trees are
  // ~60 MB). Snapshot blocks keep theirs, parsed in place in their file.
  // The first error in queue order is thrown, so errors do not depend on timing; but a template that
  // does not parse or render only breaks its own node: the node stays, with
  // a warning (so `ls`, `seed` and builds of other nodes work), and building
  // it fails with the same error (node_compiler renders it again).
  void render_queued() {
    size_t count = queued_.size();
    std::vector<NodeRender> renders(count);
    std::vector<std::string> template_errors(count);
    run_in_parallel_or_throw(count, [&](size_t k) {
      auto& [index, tmpl] = queued_[k];
      Node& node = out_.manifest.nodes[index];
      renders[k].node = &node;
      renders[k].phase = RenderPhase::Parse;
      try {
        if (!tmpl) tmpl = context_.parse(node.raw_code, node.path);
        context_.render(*tmpl, renders[k]);
        if (node.kind != NodeKind::Snapshot) tmpl = nullptr;
      } catch (const jinja::TemplateError& e) {
        template_errors[k] = e.what();
        tmpl = nullptr;
        renders[k] = NodeRender{};
      }
    });
    for (size_t k = 0; k < count; ++k) {
      auto& [index, tmpl] = queued_[k];
      pending_refs_.push_back({index, std::move(renders[k].refs), std::move(renders[k].sources)});
      if (!template_errors[k].empty()) {
        out_.warnings.push_back(template_errors[k] + "\n  (" + out_.manifest.nodes[index].name +
                                " is kept: building it fails with this error; the other nodes are not affected)");
        continue;
      }
      const Node& node = out_.manifest.nodes[index];
      if (node.kind == NodeKind::Snapshot) out_.templates[node.unique_id] = std::move(tmpl);
    }
    queued_.clear();
  }

  void resolve_relations() {
    context_.attach(&out_.manifest, nullptr);
    // generate_schema_name is a macro call per node: on every core, each
    // call writing only its node; the first error in node order is thrown.
    auto& nodes = out_.manifest.nodes;
    std::vector<std::string> warnings(nodes.size());
    run_in_parallel_or_throw(nodes.size(), [&](size_t k) {
      Node& n = nodes[k];
      if (!graph::is_refable(n.kind)) return;
      n.relation_name = n.config.get_string("alias", n.name);
      if (n.kind == NodeKind::Snapshot) {
        warnings[k] = resolve_snapshot(n);
        return;
      }
      n.database_schema = context_.generate_schema_name(n);
      if (n.kind == NodeKind::Model) {
        static const std::set<std::string> kMaterializations = {"view", "table", "incremental", "ephemeral"};
        std::string m = n.materialized();
        if (!kMaterializations.count(m)) {
          throw ConfigError(n.where, "unknown materialization '" + m + "' (view, table, incremental, ephemeral)");
        }
      }
    });
    for (auto& warning : warnings)
      if (!warning.empty()) out_.warnings.push_back(std::move(warning));
  }

  // A snapshot's schema: `target_schema` as written (dbt's legacy config),
  // else generate_schema_name with `schema` as for models (dbt 1.9). Its
  // config is checked here, so that a wrong one stops every command.
  // Returns a warning, or "".
  std::string resolve_snapshot(Node& n) const {
    if (!n.enabled()) return "";
    snapshot_config(n);
    std::string target_schema = n.config.get_string("target_schema");
    n.database_schema = target_schema.empty() ? context_.generate_schema_name(n) : target_schema;
    if (!n.config.get_string("target_database").empty() || !n.config.get_string("database").empty())
      return n.where.str() + ": snapshot " + n.name +
             ": target_database/database is ignored (mrun builds in the target's database)";
    return "";
  }

  // One use of a generic test in a schema file, on one model, seed or source.
  struct TestJob {
    const Part* part;                ///< the project whose schema file has the test (the tested node's)
    const project::TestUse* use;
    size_t attached;                 ///< index of the tested node in the manifest
    const std::string* schema_path;  ///< the schema file
  };

  // Makes `n` (a default node, in its place in the manifest) the test node
  // of `job`, with a provisional unique_id (made unique when added). Reads
  // only the project and the tested node: safe on any thread.
  void make_test_node(const TestJob& job, Node& n) const {
    const project::TestUse& use = *job.use;
    const Part& part = *job.part;
    const Node& tested = out_.manifest.nodes[job.attached];
    // The tested node in test names, and as template code. A package's node
    // is named with its package: a root node of that name must not take its tests.
    bool source = tested.kind == NodeKind::Source;
    std::string label = source ? tested.source_name + "_" + tested.name : tested.name;
    std::string model_expression =
        source ? "source(" + jinja::string_repr(tested.source_name) + ", " + jinja::string_repr(tested.name) + ")"
        : &part == &parts_.front()
            ? "ref(" + jinja::string_repr(tested.name) + ")"
            : "ref(" + jinja::string_repr(tested.package) + ", " + jinja::string_repr(tested.name) + ")";
    std::string macro = test_macro_call(context_, use.test_name);
    if (macro.empty()) {
      throw ConfigError(use.where, "unknown test '" + use.test_name + "' (no builtin test and no {% test " +
                                       use.test_name + "(...) %} in the macro paths or installed packages)");
    }
    n.kind = NodeKind::Test;
    n.name = test_node_name(use, label);
    n.unique_id = "test." + part.name() + "." + n.name;
    n.package = part.name();
    n.path = n.original_file_path = *job.schema_path;
    n.fqn = {part.name(), n.name};
    n.config = folder_config(part, &project::ProjectConfig::tests, {}, n.name);
    n.config.merge(use.config);
    n.test.test_name = use.test_name;
    n.test.column_name = use.column;
    n.test.quote_column = use.quote_column;
    n.test.attached_node = tested.unique_id;
    n.test.arguments = use.arguments;
    n.where = use.where;
    std::string model = model_expression;
    std::string where = n.config.get_string("where");
    if (!where.empty()) {
      // dbt's `where` config: the test sees only the matching rows.
      model = "('(select * from ' ~ " + model_expression + " ~ ' where ' ~ " + jinja::string_repr(where) +
              " ~ ') dbt_subquery')";
    }
    std::string call = "{{ " + macro + "(model=" + model;
    if (!use.column.empty()) call += ", column_name=" + jinja::string_repr(column_sql(use));
    for (const auto& [key, value] : use.arguments.entries()) call += ", " + key + "=" + argument_expression(value);
    call += ") }}";
    n.raw_code = std::move(call);
  }

  // Adds the test node made in place at `index` by make_test_node,
  // numbering a repeated name.
  void add_test_node(size_t index, const TestJob& job) {
    Node& n = out_.manifest.nodes[index];
    std::string base_id = n.unique_id;
    for (int i = 2; out_.manifest.find(n.unique_id) != graph::Manifest::npos; ++i) {
      n.unique_id = base_id + "_" + std::to_string(i);
    }
    out_.manifest.add_placed(index);
    bool refers_elsewhere = false;
    for (const auto& [key, value] : job.use->arguments.entries())
      refers_elsewhere = refers_elsewhere || is_relation_call(value);
    if (refers_elsewhere) {
      queued_.push_back({index, nullptr});  // its arguments name more parents: render to find them
      return;
    }
    // Most tests depend on the tested node alone: no Parse-phase render
    // needed (the template is parsed when the test is compiled).
    PendingRefs refs{index, {}, {}};
    const Node& attached = out_.manifest.nodes[job.attached];
    if (attached.kind == NodeKind::Source) {
      refs.sources.emplace_back(attached.source_name, attached.name);
    } else {
      refs.refs.push_back({attached.package, attached.name});
    }
    pending_refs_.push_back(std::move(refs));
  }

  // Makes the test nodes on every core, then adds them in schema order (so
  // names that repeat are numbered the same way on every run).
  void add_generic_tests() {
    std::vector<TestJob> jobs;
    auto add_jobs = [&jobs](const Part& part, const auto& spec, size_t tested) {
      for (const auto& t : spec.tests) jobs.push_back({&part, &t, tested, &spec.where.file});
      for (const auto& c : spec.columns)
        for (const auto& t : c.tests) jobs.push_back({&part, &t, tested, &spec.where.file});
    };
    std::map<std::string_view, const Part*> part_of;
    for (const auto& part : parts_) part_of[part.name()] = &part;
    for (size_t i = 0; i < out_.manifest.nodes.size(); ++i) {
      const Node& n = out_.manifest.nodes[i];
      if (!graph::is_refable(n.kind)) continue;
      const Part& part = *part_of.at(n.package);
      const auto& index = n.kind == NodeKind::Model  ? part.specs.models
                          : n.kind == NodeKind::Seed ? part.specs.seeds
                                                     : part.specs.snapshots;
      auto spec = index.find(n.name);
      if (spec != index.end()) add_jobs(part, *spec->second, i);
    }
    for (const auto& [part, src, table] : source_specs_)
      add_jobs(*part, *table, out_.manifest.find("source." + part->name() + "." + src->name + "." + table->name));
    size_t first = make_nodes_in_place(jobs.size(), [&](size_t k, Node& n) { make_test_node(jobs[k], n); });
    for (size_t k = 0; k < jobs.size(); ++k) add_test_node(first + k, jobs[k]);
  }

  void add_singular_tests(Part& part) {
    for (size_t k = 0; k < part.files->singular_tests.size(); ++k) {
      Node n = file_node(NodeKind::Test, part, part.files->singular_tests[k], &project::ProjectConfig::tests);
      n.raw_code = std::move(part.singular_texts[k]);
      parse_node(std::move(n));
    }
  }

  // dbt's unit tests: a node per `unit_tests:` entry, depending on its
  // given inputs (which must exist when it runs), its fixture files read.
  void add_unit_tests(const Part& part) {
    for (const auto& sf : part.schema_files) {
      for (const auto& spec : sf.unit_tests) {
        size_t model = out_.manifest.find("model." + part.name() + "." + spec.model);
        if (model == graph::Manifest::npos) {
          throw ConfigError(spec.where, "unit test '" + spec.name + "' names model '" + spec.model +
                                            "', which is not a model of this project");
        }
        const Node& tested = out_.manifest.nodes[model];
        Node n;
        n.kind = NodeKind::UnitTest;
        n.name = spec.name;
        n.unique_id = "unit_test." + part.name() + "." + spec.model + "." + spec.name;
        n.package = part.name();
        n.path = n.original_file_path = sf.path;
        n.fqn = tested.fqn;
        n.fqn.push_back(spec.name);
        n.config = spec.config;
        if (!tested.enabled()) n.config.set("enabled", project::ConfigValue::boolean(false));  // as dbt: off with its model
        n.description = spec.description;
        n.test.attached_node = tested.unique_id;
        n.where = spec.where;
        auto read = std::make_shared<project::UnitTestSpec>(spec);
        for (auto& input : read->given) read_fixture(part, input.data, spec);
        read_fixture(part, read->expect, spec);
        n.unit_test = std::move(read);
        PendingRefs refs{0, {}, {}};
        for (const auto& input : spec.given) {
          auto call = project::parse_input_call(input.input);
          if (call->is_this()) continue;  // the model itself: no dependency
          if (call->source.empty()) {
            refs.refs.push_back(RefCall{"", call->name});
          } else {
            refs.sources.emplace_back(call->source, call->name);
          }
        }
        refs.index = out_.manifest.add(std::move(n));
        pending_refs_.push_back(std::move(refs));
      }
    }
  }

  // A `fixture:` file's text in place of its name: <test-path>/fixtures/<name>.csv or .sql.
  void read_fixture(const Part& part, project::FixtureRows& rows, const project::UnitTestSpec& spec) const {
    if (rows.fixture.empty()) return;
    std::string file = rows.fixture + "." + rows.format;
    for (const auto& f : part.files->fixtures) {
      if (f.project_path.ends_with("/" + file) && f.name == rows.fixture) {
        rows.rows = project::ConfigValue::string(read_file(f.path));
        return;
      }
    }
    throw ConfigError(rows.where, "unit test '" + spec.name + "': no fixture file " + file + " under " +
                                      join(part.config->test_paths, ", ") + "/fixtures/");
  }

  // Every ref() and source() of a unit-tested model needs a given input, as
  // in dbt (else the model would read real data).
  void check_unit_test_inputs() const {
    const auto& m = out_.manifest;
    for (const auto& n : m.nodes) {
      if (n.kind != NodeKind::UnitTest) continue;
      const Node& model = m.nodes[m.find(n.test.attached_node)];
      for (const auto& parent : model.depends_on) {
        if (std::find(n.depends_on.begin(), n.depends_on.end(), parent) != n.depends_on.end()) continue;
        const Node& input = m.nodes[m.find(parent)];
        std::string call = input.kind == NodeKind::Source ? "source('" + input.source_name + "', '" + input.name + "')"
                                                          : "ref('" + input.name + "')";
        throw ConfigError(n.where, "unit test '" + n.name + "' gives no rows for " + call + ", which model '" +
                                       model.name + "' reads: add it under given:");
      }
    }
  }

  // Each node's refs and sources as parent ids, on every core (each writes
  // only its own node; the first error in queue order is thrown).
  void resolve_dependencies() {
    NodeLookup lookup(out_.manifest, config_.name);
    run_in_parallel_or_throw(pending_refs_.size(), [&](size_t k) {
      const PendingRefs& pending = pending_refs_[k];
      Node& n = out_.manifest.nodes[pending.index];
      // As in dbt: the tests of a disabled node are disabled, and a disabled
      // node's refs are not resolved. (Tests are never attached nodes: what
      // this reads is not written meanwhile.)
      if (n.kind == NodeKind::Test && !n.test.attached_node.empty()) {
        size_t attached = out_.manifest.find(n.test.attached_node);
        if (attached != graph::Manifest::npos && !out_.manifest.nodes[attached].enabled())
          n.config.set("enabled", project::ConfigValue::boolean(false));
      }
      if (!n.enabled()) return;
      auto add = [&n](const std::string& id) {
        if (std::find(n.depends_on.begin(), n.depends_on.end(), id) == n.depends_on.end()) n.depends_on.push_back(id);
      };
      for (const auto& call : pending.refs) {
        size_t found = lookup.ref(call, n.package);
        if (found == graph::Manifest::npos) throw missing_ref(n, call);
        add(out_.manifest.nodes[found].unique_id);
      }
      for (const auto& [source, table] : pending.sources) {
        size_t found = lookup.source(source, table, n.package);
        if (found == graph::Manifest::npos) throw missing_source(n, source, table);
        add(out_.manifest.nodes[found].unique_id);
      }
    });
  }

  // The error for a source() of `n` that no sources: block declares, at the call.
  ConfigError missing_source(const Node& n, const std::string& source, const std::string& table) const {
    std::vector<std::string> declared;
    for (const auto& known : out_.manifest.nodes)
      if (known.kind == NodeKind::Source) declared.push_back(known.source_name + "." + known.name);
    std::string nearest = closest_name(source + "." + table, declared);
    CallLocation call = find_call(n.raw_code, "source", {source, table}, n.where);
    return ConfigError(call.where, n.name + " uses source('" + source + "', '" + table +
                                       "'), which no sources: block declares" +
                                       (nearest.empty() ? "" : "; did you mean '" + nearest + "'?") +
                                       caret_lines(call));
  }

  // The error for a ref() of `n` that names no model, seed or snapshot, at the call.
  ConfigError missing_ref(const Node& n, const RefCall& ref) const {
    std::vector<std::string> names;
    for (const auto& known : out_.manifest.nodes) {
      if (graph::is_refable(known.kind) && known.enabled() &&
          (ref.package.empty() || known.package == ref.package))
        names.push_back(known.name);
    }
    std::string nearest = closest_name(ref.name, names);
    std::vector<std::string> args = ref.package.empty() ? std::vector<std::string>{ref.name}
                                                        : std::vector<std::string>{ref.package, ref.name};
    CallLocation call = find_call(n.raw_code, "ref", args, n.where);
    std::string where = !ref.package.empty() ? "of package '" + ref.package + "'"
                        : parts_.size() > 1  ? "of this project or its packages"
                                             : "of this project";
    return ConfigError(call.where, n.name + " refers to '" + ref.name + "', which is not a model, seed or snapshot " + where +
                                       (nearest.empty() ? "" : "; did you mean '" + nearest + "'?") + caret_lines(call));
  }

  // Descriptions may be templates, e.g. "{{ doc('orders_status') }}" for a
  // {% docs %} block: rendered as dbt does for the manifest and docs.
  void render_descriptions() {
    auto render = [this](std::string& text, const Node& owner, const std::string& what) {
      if (text.find("{{") == std::string::npos && text.find("{%") == std::string::npos) return;
      Node scratch;  // calls like config() must not change the node
      scratch.name = owner.name;
      scratch.unique_id = owner.unique_id;
      scratch.path = owner.path;
      scratch.package = owner.package;  // var() reads its package's vars
      NodeRender r;
      r.node = &scratch;
      r.phase = RenderPhase::Parse;
      text = context_.render(*context_.parse(text, owner.original_file_path + " (" + what + ")"), r);
    };
    for (auto& n : out_.manifest.nodes) {
      render(n.description, n, "description of " + n.name);
      for (auto& c : n.columns) render(c.description, n, "description of " + n.name + "." + c.name);
    }
  }

  struct PendingRefs {
    size_t index;
    std::vector<RefCall> refs;
    std::vector<std::pair<std::string, std::string>> sources;
  };

  const project::ProjectConfig& config_;  ///< the root project
  DbtContext& context_;
  std::vector<Part> parts_;  ///< the root project, then each installed package
  ParsedProject out_;
  std::vector<std::tuple<const Part*, const project::SourceSpec*, const project::SourceTableSpec*>> source_specs_;
  std::vector<PendingRefs> pending_refs_;
  std::vector<std::pair<size_t, jinja::TemplatePtr>> queued_;  ///< nodes added but not yet rendered, and their templates if parsed
};

}  // namespace

ParsedProject parse_project(const project::ProjectConfig& config, const project::ProjectFiles& files,
                            DbtContext& context, const std::vector<project::InstalledPackage>& packages) {
  return Parser(config, files, packages, context).run();
}

}  // namespace mrun::parse
