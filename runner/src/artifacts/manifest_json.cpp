#include "artifacts/manifest_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "artifacts/json_text.h"
#include "artifacts/config_value_json.h"
#include "db/quote.h"
#include "util/strings.h"
#include "util/sha256.h"

namespace mrun::artifacts {

using graph::Manifest;
using graph::Node;
using graph::NodeKind;

const char* const kManifestSchemaUrl = "https://schemas.getdbt.com/dbt/manifest/v11.json";

namespace {

// The JSON text `write` writes.
template <class Write>
std::string text_of(Write write) {
  std::string text;
  JsonWriter out(text);
  write(out);
  return text;
}

std::string string_text(std::string_view s) {
  std::string text;
  append_json_string(text, s);
  return text;
}

std::string strings_text(const std::vector<std::string>& items) {
  return text_of([&](JsonWriter& out) {
    out.begin_array();
    for (const auto& item : items) out.string(item);
    out.end_array();
  });
}

// The members of an object where a later value for a key replaces the
// earlier one in its place (the order dbt's defaults and then the node's
// configs give).
class OrderedMembers {
 public:
  void set(std::string_view key, std::string json) {
    for (auto& [k, v] : members_)
      if (k == key) {
        v = std::move(json);
        return;
      }
    members_.emplace_back(std::string(key), std::move(json));
  }
  void write(JsonWriter& out) const {
    out.begin_object();
    for (const auto& [k, v] : members_) out.key(k).raw(v);
    out.end_object();
  }

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

// dbt writes hooks as [{sql, transaction, index}] under "pre-hook"/"post-hook".
std::string hooks_text(const project::ConfigValue& value) {
  using project::ConfigValue;
  return text_of([&](JsonWriter& out) {
    out.begin_array();
    auto add = [&](const ConfigValue& hook) {
      if (hook.is_null()) return;
      out.begin_object();
      if (hook.is_map()) {
        const ConfigValue* sql = hook.find("sql");
        const ConfigValue* transaction = hook.find("transaction");
        out.key("sql").string(sql && sql->is_scalar() ? sql->text() : sql ? config_value_json(*sql) : "");
        out.key("transaction").boolean(transaction && transaction->kind() == ConfigValue::Kind::Bool
                                           ? transaction->as_bool()
                                           : true);
      } else {
        out.key("sql").string(hook.kind() == ConfigValue::Kind::String ? hook.text() : config_value_json(hook));
        out.key("transaction").boolean(true);
      }
      out.key("index").null();
      out.end_object();
    };
    if (value.is_list()) {
      for (const auto& hook : value.items()) add(hook);
    } else {
      add(value);
    }
    out.end_array();
  });
}

// The node's config with the defaults dbt fills in, so readers find the
// usual keys (materialized, tags, severity, ...) whether set or not.
void write_config(JsonWriter& out, const Node& node) {
  OrderedMembers config;
  const char* enabled = node.enabled() ? "true" : "false";
  config.set("enabled", enabled);
  if (node.kind != NodeKind::Source) {
    for (const char* key : {"alias", "schema", "database"}) config.set(key, "null");
    config.set("tags", "[]");
    config.set("meta", "{}");
    config.set("materialized", string_text(node.materialized()));
    if (node.kind == NodeKind::Test) {
      config.set("severity", "\"ERROR\"");
      for (const char* key : {"store_failures", "where", "limit"}) config.set(key, "null");
      config.set("fail_calc", "\"count(*)\"");
      config.set("store_failures_as", "null");
      config.set("warn_if", "\"!= 0\"");
      config.set("error_if", "\"!= 0\"");
    } else {
      config.set("pre-hook", "[]");
      config.set("post-hook", "[]");
    }
  }
  for (const auto& [key, value] : node.config.entries()) {
    if (key == "pre_hook" || key == "post_hook") {
      config.set(key == "pre_hook" ? "pre-hook" : "post-hook", hooks_text(value));
    } else {
      config.set(key, config_value_json(value));
    }
  }
  config.set("enabled", enabled);
  if (node.kind != NodeKind::Source) {
    config.set("tags", strings_text(node.tags()));
    config.set("materialized", string_text(node.materialized()));
  }
  config.write(out);
}

void write_column(JsonWriter& out, const graph::ColumnInfo& c) {
  out.begin_object();
  out.key("name").string(c.name);
  out.key("description").string(c.description);
  out.key("meta").raw("{}");
  out.key("data_type").string_or_null(c.data_type);
  out.key("constraints");
  if (c.constraints.is_list()) {
    write_config_value(out, c.constraints);
  } else {
    out.raw("[]");
  }
  out.key("quote").null();
  out.key("tags").raw("[]");
  out.end_object();
}

// A column named twice is written once, where it first appears, as its
// last entry describes it.
void write_columns(JsonWriter& out, const Node& node) {
  const auto& columns = node.columns;
  out.begin_object();
  for (size_t i = 0; i < columns.size(); ++i) {
    auto same_name = [&](const graph::ColumnInfo& c) { return c.name == columns[i].name; };
    if (std::any_of(columns.begin(), columns.begin() + static_cast<ptrdiff_t>(i), same_name)) continue;
    size_t last = i;
    for (size_t k = i + 1; k < columns.size(); ++k)
      if (same_name(columns[k])) last = k;
    write_column(out.key(columns[i].name), columns[last]);
  }
  out.end_object();
}

// "ref('x')" or "source('s', 't')", as dbt's test kwargs spell the model.
std::string reference_call(const Node& node) {
  if (node.kind == NodeKind::Source) return "source('" + node.source_name + "', '" + node.name + "')";
  return "ref('" + node.name + "')";
}

void write_relation_name(JsonWriter& out, const Node& node, const std::string& database) {
  bool builds = node.kind == NodeKind::Source || node.kind == NodeKind::Seed || node.kind == NodeKind::Snapshot ||
                (node.kind == NodeKind::Model && node.materialized() != "ephemeral");
  if (!builds || node.database_schema.empty() || node.relation_name.empty()) {
    out.null();
    return;
  }
  std::string name = db::qualified_name(node.database_schema, node.relation_name);
  out.string(database.empty() ? name : db::quote_identifier(database) + "." + name);
}

void write_test_fields(JsonWriter& out, const Manifest& m, const Node& node) {
  const auto& test = node.test;
  out.key("column_name").string_or_null(test.column_name);
  out.key("attached_node").string_or_null(test.attached_node);
  if (test.test_name.empty()) return;  // singular tests carry no test_metadata
  size_t attached = test.attached_node.empty() ? Manifest::npos : m.find(test.attached_node);
  OrderedMembers kwargs;
  if (!test.column_name.empty()) kwargs.set("column_name", string_text(test.column_name));
  if (attached != Manifest::npos) {
    kwargs.set("model", string_text("{{ get_where_subquery(" + reference_call(m.nodes[attached]) + ") }}"));
    const Node& target = m.nodes[attached];
    out.key("file_key_name")
        .string(target.kind == NodeKind::Source     ? "sources." + target.source_name
                : target.kind == NodeKind::Snapshot ? "snapshots." + target.name
                                                    : "models." + target.name);
  }
  if (test.arguments.is_map())
    for (const auto& [key, value] : test.arguments.entries()) kwargs.set(key, config_value_json(value));
  size_t dot = test.test_name.rfind('.');
  out.key("test_metadata").begin_object();
  out.key("name").string(dot == std::string::npos ? test.test_name : test.test_name.substr(dot + 1));
  kwargs.write(out.key("kwargs"));
  out.key("namespace");
  if (dot == std::string::npos) {
    out.null();
  } else {
    out.string(test.test_name.substr(0, dot));
  }
  out.end_object();
}

void write_sorted_ids(JsonWriter& out, const Manifest& m, const std::vector<size_t>& indexes) {
  std::vector<const std::string*> ids;
  for (size_t i : indexes)
    if (m.nodes[i].enabled()) ids.push_back(&m.nodes[i].unique_id);
  std::sort(ids.begin(), ids.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  out.begin_array();
  for (const std::string* id : ids) out.string(*id);
  out.end_array();
}

void write_macro(JsonWriter& out, const MacroInfo& macro) {
  out.begin_object();
  out.key("name").string(macro.name);
  out.key("resource_type").string("macro");
  out.key("package_name").string(macro.package);
  out.key("path").string(macro.path);
  out.key("original_file_path").string(macro.path);
  out.key("unique_id").string("macro." + macro.package + "." + macro.name);
  out.key("macro_sql").string(macro.sql);
  out.key("depends_on").raw(R"({"macros":[]})");
  out.key("description").string("");
  out.key("meta").raw("{}");
  out.key("docs").raw(R"({"show":true,"node_color":null})");
  out.key("patch_path").null();
  out.key("arguments").raw("[]");
  out.end_object();
}

// The node's `meta` config when it is a map, else {}.
void write_meta(JsonWriter& out, const Node& node) {
  project::ConfigValue meta = node.config.get("meta");
  if (meta.is_map()) {
    write_config_value(out, meta);
  } else {
    out.raw("{}");
  }
}

void write_fixture(JsonWriter& out, const project::FixtureRows& rows) {
  out.key("format").string(rows.format);
  out.key("rows");
  write_config_value(out, rows.rows);
  out.key("fixture").string_or_null(rows.fixture);
}

}  // namespace

void write_node_json(JsonWriter& out, const Manifest& m, size_t index, const std::string& database) {
  const Node& node = m.nodes[index];
  out.begin_object();
  out.key("database").string_or_null(database);
  out.key("schema").string(node.database_schema);
  out.key("name").string(node.name);
  out.key("resource_type").string(graph::kind_name(node.kind));
  out.key("package_name").string(node.package);
  out.key("path").string(node.path);
  out.key("original_file_path").string(node.original_file_path);
  out.key("unique_id").string(node.unique_id);
  out.key("fqn");
  out.raw(strings_text(node.fqn));
  if (node.kind == NodeKind::Source) {
    out.key("source_name").string(node.source_name);
    out.key("source_description").string("");
    out.key("loader").string("");
    out.key("identifier").string(node.relation_name);
  } else {
    out.key("alias").string(node.relation_name.empty() ? node.name : node.relation_name);  // tests build no relation
    // dbt's: the SHA-256 of the node's file (a generic test has no file of its own).
    bool has_file = !node.raw_code.empty() && !(node.kind == NodeKind::Test && !node.test.test_name.empty());
    out.key("checksum").begin_object();
    out.key("name").string(has_file ? "sha256" : "none");
    out.key("checksum").string(has_file ? sha256_hex(node.raw_code) : "");
    out.end_object();
  }
  write_config(out.key("config"), node);
  out.key("tags").raw(strings_text(node.tags()));
  out.key("description").string(node.description);
  write_columns(out.key("columns"), node);
  if (node.kind == NodeKind::Model) {
    out.key("constraints");
    if (node.constraints.is_list()) {
      write_config_value(out, node.constraints);
    } else {
      out.raw("[]");
    }
  }
  write_meta(out.key("meta"), node);
  write_relation_name(out.key("relation_name"), node, database);
  if (node.kind == NodeKind::Source) {
    out.end_object();
    return;
  }

  out.key("raw_code").string(node.raw_code);
  out.key("language").string("sql");
  std::string refs, sources;
  JsonWriter ref_list = JsonWriter::members_of(refs), source_list = JsonWriter::members_of(sources);
  for (const auto& dep : node.depends_on) {
    size_t p = m.find(dep);
    if (p == Manifest::npos) continue;
    const Node& parent = m.nodes[p];
    if (parent.kind == NodeKind::Source) {
      source_list.begin_array();
      source_list.string(parent.source_name);
      source_list.string(parent.name);
      source_list.end_array();
    } else if (parent.kind != NodeKind::Test) {
      ref_list.begin_object();
      ref_list.key("name").string(parent.name);
      ref_list.key("package").null();
      ref_list.key("version").null();
      ref_list.end_object();
    }
  }
  out.key("refs").begin_array();
  out.splice(refs);
  out.end_array();
  out.key("sources").begin_array();
  out.splice(sources);
  out.end_array();
  out.key("metrics").raw("[]");
  out.key("depends_on").begin_object();
  out.key("macros").raw("[]");
  out.key("nodes").raw(strings_text(node.depends_on));
  out.end_object();
  out.key("compiled").boolean(!node.compiled_code.empty());
  if (!node.compiled_code.empty()) out.key("compiled_code").string(node.compiled_code);
  if (node.kind == NodeKind::Model) out.key("access").string("protected");
  if (node.kind == NodeKind::Test) write_test_fields(out, m, node);
  out.end_object();
}

std::string node_json(const Manifest& m, size_t index, const std::string& database) {
  return text_of([&](JsonWriter& out) { write_node_json(out, m, index, database); });
}

// A unit test as dbt 1.8 writes it under `unit_tests`.
void write_unit_test_json(JsonWriter& out, const Manifest& m, size_t index) {
  const Node& node = m.nodes[index];
  const project::UnitTestSpec& spec = *node.unit_test;
  out.begin_object();
  out.key("name").string(node.name);
  out.key("resource_type").string("unit_test");
  out.key("package_name").string(node.package);
  out.key("path").string(node.path);
  out.key("original_file_path").string(node.original_file_path);
  out.key("unique_id").string(node.unique_id);
  out.key("fqn").raw(strings_text(node.fqn));
  out.key("description").string(node.description);
  out.key("model").string(spec.model);
  out.key("given").begin_array();
  for (const auto& input : spec.given) {
    out.begin_object();
    write_fixture(out, input.data);
    out.key("input").string(input.input);
    out.end_object();
  }
  out.end_array();
  out.key("expect").begin_object();
  write_fixture(out, spec.expect);
  out.end_object();
  write_config_value(out.key("overrides"), spec.overrides);
  out.key("config").begin_object();
  out.key("tags").raw(strings_text(node.tags()));
  write_meta(out.key("meta"), node);
  out.key("enabled").boolean(node.enabled());
  out.end_object();
  out.key("depends_on").begin_object();
  out.key("macros").raw("[]");
  out.key("nodes").begin_array();
  out.string(node.test.attached_node);
  out.end_array();
  out.end_object();
  out.end_object();
}

namespace {

// The whole document, into `doc`.
void write_manifest(JsonWriter& doc, const Manifest& m, const ManifestJsonInput& input) {
  nlohmann::ordered_json metadata = metadata_json(input.metadata, kManifestSchemaUrl);
  metadata["project_name"] = input.metadata.project_name;
  metadata["adapter_type"] = input.metadata.adapter_type;
  metadata["user_id"] = nullptr;
  metadata["send_anonymous_usage_stats"] = false;

  doc.begin_object();
  doc.key("metadata").raw(json_text(metadata));
  // One section of nodes: those `wanted`, each written by `value(writer,
  // index)`, on every core (a node's JSON is independent of the others'),
  // in manifest order.
  auto section = [&](const char* key, auto wanted, auto value) {
    std::vector<size_t> members;
    for (size_t i = 0; i < m.nodes.size(); ++i)
      if (wanted(m.nodes[i])) members.push_back(i);
    doc.key(key).begin_object();
    write_members_in_parallel(doc, members.size(), [&](size_t k, JsonWriter& out) {
      value(out.key(m.nodes[members[k]].unique_id), members[k]);
    });
    doc.end_object();
  };
  auto as_node = [&](JsonWriter& out, size_t i) { write_node_json(out, m, i, input.database); };
  section("nodes", [](const Node& n) { return n.enabled() && n.kind != NodeKind::Source && n.kind != NodeKind::UnitTest; },
          as_node);
  section("sources", [](const Node& n) { return n.enabled() && n.kind == NodeKind::Source; }, as_node);
  // A macro defined twice (same unique_id) is listed once, as last given.
  OrderedMembers macros;
  for (const auto& macro : input.macros)
    macros.set("macro." + macro.package + "." + macro.name, text_of([&](JsonWriter& out) { write_macro(out, macro); }));
  macros.write(doc.key("macros"));
  for (const char* empty : {"docs", "exposures", "metrics", "groups", "selectors"}) doc.key(empty).raw("{}");
  section("disabled", [](const Node& n) { return !n.enabled(); }, [&](JsonWriter& out, size_t i) {
    out.begin_array();
    as_node(out, i);
    out.end_array();
  });
  auto enabled = [](const Node& n) { return n.enabled(); };
  section("parent_map", enabled, [&](JsonWriter& out, size_t i) { write_sorted_ids(out, m, m.parents[i]); });
  section("child_map", enabled, [&](JsonWriter& out, size_t i) { write_sorted_ids(out, m, m.children[i]); });
  for (const char* empty : {"group_map", "saved_queries", "semantic_models"}) doc.key(empty).raw("{}");
  section("unit_tests", [](const Node& n) { return n.enabled() && n.kind == NodeKind::UnitTest; },
          [&](JsonWriter& out, size_t i) { write_unit_test_json(out, m, i); });
  doc.end_object();
}

}  // namespace

std::string manifest_json_text(const Manifest& m, const ManifestJsonInput& input) {
  std::string text;
  JsonWriter doc(text);
  write_manifest(doc, m, input);
  return text;
}

void write_manifest_json(AtomicFile& file, const Manifest& m, const ManifestJsonInput& input) {
  std::string text;
  JsonWriter doc(text);
  doc.send_to(file);
  write_manifest(doc, m, input);
  doc.finish();
}

void write_manifest_json(const std::string& path, const Manifest& m, const ManifestJsonInput& input) {
  AtomicFile file(path);
  write_manifest_json(file, m, input);
  file.commit();
}

ManifestJsonInput manifest_input(const std::vector<std::string>& macro_names, const std::string& invocation_id,
                                 const std::string& project_name) {
  ManifestJsonInput input;
  input.metadata = new_metadata(project_name, "");
  input.metadata.invocation_id = invocation_id;
  for (const auto& name : macro_names) {
    size_t dot = name.find('.');
    input.macros.push_back(dot == std::string::npos ? MacroInfo{name, project_name, "", ""}
                                                    : MacroInfo{name.substr(dot + 1), name.substr(0, dot), "", ""});
  }
  return input;
}

void write_manifest_json(const std::string& path, const Manifest& m, const std::vector<std::string>& macro_names,
                         const std::string& invocation_id, const std::string& project_name) {
  write_manifest_json(path, m, manifest_input(macro_names, invocation_id, project_name));
}

}  // namespace mrun::artifacts
