#include "artifacts/manifest_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "artifacts/json_text.h"
#include "artifacts/config_value_json.h"
#include "db/quote.h"
#include "util/strings.h"
#include "util/sha256.h"

namespace mrun::artifacts {

using graph::Manifest;
using graph::Node;
using graph::NodeKind;
using Json = nlohmann::ordered_json;

const char* const kManifestSchemaUrl = "https://schemas.getdbt.com/dbt/manifest/v11.json";

namespace {

Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// dbt writes hooks as [{sql, transaction, index}] under "pre-hook"/"post-hook".
Json hooks_json(const Json& value) {
  Json out = Json::array();
  auto add = [&](const Json& hook) {
    if (hook.is_object()) {
      Json h = {{"sql", hook.value("sql", "")}, {"transaction", hook.value("transaction", true)}, {"index", nullptr}};
      out.push_back(h);
    } else if (!hook.is_null()) {
      out.push_back({{"sql", hook.is_string() ? hook.get<std::string>() : hook.dump()},
                     {"transaction", true},
                     {"index", nullptr}});
    }
  };
  if (value.is_array()) {
    for (const auto& hook : value) add(hook);
  } else {
    add(value);
  }
  return out;
}

// The node's config with the defaults dbt fills in, so readers find the
// usual keys (materialized, tags, severity, ...) whether set or not.
Json config_json(const Node& node) {
  Json out = Json::object();
  out["enabled"] = node.enabled();
  if (node.kind != NodeKind::Source) {
    out["alias"] = nullptr;
    out["schema"] = nullptr;
    out["database"] = nullptr;
    out["tags"] = Json::array();
    out["meta"] = Json::object();
    out["materialized"] = node.materialized();
    if (node.kind == NodeKind::Test) {
      out["severity"] = "ERROR";
      out["store_failures"] = nullptr;
      out["where"] = nullptr;
      out["limit"] = nullptr;
      out["fail_calc"] = "count(*)";
      out["store_failures_as"] = nullptr;
      out["warn_if"] = "!= 0";
      out["error_if"] = "!= 0";
    } else {
      out["pre-hook"] = Json::array();
      out["post-hook"] = Json::array();
    }
  }
  for (const auto& [key, config_value] : node.config.entries()) {
    Json value = config_value_json(config_value);
    if (key == "pre_hook" || key == "post_hook") {
      out[key == "pre_hook" ? "pre-hook" : "post-hook"] = hooks_json(value);
    } else {
      out[key] = std::move(value);
    }
  }
  out["enabled"] = node.enabled();
  if (node.kind != NodeKind::Source) {
    out["tags"] = node.tags();
    out["materialized"] = node.materialized();
  }
  return out;
}

Json columns_json(const Node& node) {
  Json out = Json::object();
  for (const auto& c : node.columns) {
    out[c.name] = {{"name", c.name},
                   {"description", c.description},
                   {"meta", Json::object()},
                   {"data_type", string_or_null(c.data_type)},
                   {"constraints", c.constraints.is_list() ? config_value_json(c.constraints) : Json::array()},
                   {"quote", nullptr},
                   {"tags", Json::array()}};
  }
  return out;
}

// "ref('x')" or "source('s', 't')", as dbt's test kwargs spell the model.
std::string reference_call(const Node& node) {
  if (node.kind == NodeKind::Source) return "source('" + node.source_name + "', '" + node.name + "')";
  return "ref('" + node.name + "')";
}

Json relation_name(const Node& node, const std::string& database) {
  bool builds = node.kind == NodeKind::Source || node.kind == NodeKind::Seed || node.kind == NodeKind::Snapshot ||
                (node.kind == NodeKind::Model && node.materialized() != "ephemeral");
  if (!builds || node.database_schema.empty() || node.relation_name.empty()) return nullptr;
  std::string name = db::qualified_name(node.database_schema, node.relation_name);
  return database.empty() ? name : db::quote_identifier(database) + "." + name;
}

void add_test_fields(const Manifest& m, const Node& node, Json& out) {
  const auto& test = node.test;
  out["column_name"] = string_or_null(test.column_name);
  out["attached_node"] = string_or_null(test.attached_node);
  if (test.test_name.empty()) return;  // singular tests carry no test_metadata
  size_t attached = test.attached_node.empty() ? Manifest::npos : m.find(test.attached_node);
  Json kwargs = Json::object();
  if (!test.column_name.empty()) kwargs["column_name"] = test.column_name;
  if (attached != Manifest::npos) {
    kwargs["model"] = "{{ get_where_subquery(" + reference_call(m.nodes[attached]) + ") }}";
    const Node& target = m.nodes[attached];
    out["file_key_name"] = target.kind == NodeKind::Source     ? "sources." + target.source_name
                           : target.kind == NodeKind::Snapshot ? "snapshots." + target.name
                                                               : "models." + target.name;
  }
  Json arguments = config_value_json(test.arguments);
  if (arguments.is_object())
    for (const auto& [key, value] : arguments.items()) kwargs[key] = value;
  size_t dot = test.test_name.rfind('.');
  out["test_metadata"] = {{"name", dot == std::string::npos ? test.test_name : test.test_name.substr(dot + 1)},
                          {"kwargs", kwargs},
                          {"namespace", dot == std::string::npos ? Json(nullptr) : Json(test.test_name.substr(0, dot))}};
}

std::vector<std::string> sorted_ids(const Manifest& m, const std::vector<size_t>& indexes) {
  std::vector<std::string> out;
  for (size_t i : indexes)
    if (m.nodes[i].enabled()) out.push_back(m.nodes[i].unique_id);
  std::sort(out.begin(), out.end());
  return out;
}

Json macro_json(const MacroInfo& macro) {
  std::string id = "macro." + macro.package + "." + macro.name;
  return {{"name", macro.name},
          {"resource_type", "macro"},
          {"package_name", macro.package},
          {"path", macro.path},
          {"original_file_path", macro.path},
          {"unique_id", id},
          {"macro_sql", macro.sql},
          {"depends_on", {{"macros", Json::array()}}},
          {"description", ""},
          {"meta", Json::object()},
          {"docs", {{"show", true}, {"node_color", nullptr}}},
          {"patch_path", nullptr},
          {"arguments", Json::array()}};
}

}  // namespace

Json node_json(const Manifest& m, size_t index, const std::string& database) {
  const Node& node = m.nodes[index];
  Json out = Json::object();
  out.get_ref<Json::object_t&>().reserve(40);  // growth would copy the entries
  out["database"] = string_or_null(database);
  out["schema"] = node.database_schema;
  out["name"] = node.name;
  out["resource_type"] = graph::kind_name(node.kind);
  out["package_name"] = node.package;
  out["path"] = node.path;
  out["original_file_path"] = node.original_file_path;
  out["unique_id"] = node.unique_id;
  out["fqn"] = node.fqn;
  if (node.kind == NodeKind::Source) {
    out["source_name"] = node.source_name;
    out["source_description"] = "";
    out["loader"] = "";
    out["identifier"] = node.relation_name;
  } else {
    out["alias"] = node.relation_name.empty() ? node.name : node.relation_name;  // tests build no relation
    // dbt's: the SHA-256 of the node's file (a generic test has no file of its own).
    bool has_file = !node.raw_code.empty() && !(node.kind == NodeKind::Test && !node.test.test_name.empty());
    out["checksum"] = has_file ? Json{{"name", "sha256"}, {"checksum", sha256_hex(node.raw_code)}}
                               : Json{{"name", "none"}, {"checksum", ""}};
  }
  out["config"] = config_json(node);
  out["tags"] = node.tags();
  out["description"] = node.description;
  out["columns"] = columns_json(node);
  if (node.kind == NodeKind::Model)
    out["constraints"] = node.constraints.is_list() ? config_value_json(node.constraints) : Json::array();
  out["meta"] = config_value_json(node.config.get("meta"));
  if (!out["meta"].is_object()) out["meta"] = Json::object();
  out["relation_name"] = relation_name(node, database);
  if (node.kind == NodeKind::Source) return out;

  out["raw_code"] = node.raw_code;
  out["language"] = "sql";
  Json refs = Json::array(), sources = Json::array();
  for (const auto& dep : node.depends_on) {
    size_t p = m.find(dep);
    if (p == Manifest::npos) continue;
    const Node& parent = m.nodes[p];
    if (parent.kind == NodeKind::Source) {
      sources.push_back(Json::array({parent.source_name, parent.name}));
    } else if (parent.kind != NodeKind::Test) {
      refs.push_back({{"name", parent.name}, {"package", nullptr}, {"version", nullptr}});
    }
  }
  out["refs"] = refs;
  out["sources"] = sources;
  out["metrics"] = Json::array();
  out["depends_on"] = {{"macros", Json::array()}, {"nodes", node.depends_on}};
  out["compiled"] = !node.compiled_code.empty();
  if (!node.compiled_code.empty()) out["compiled_code"] = node.compiled_code;
  if (node.kind == NodeKind::Model) out["access"] = "protected";
  if (node.kind == NodeKind::Test) add_test_fields(m, node, out);
  return out;
}

Json fixture_json(const project::FixtureRows& rows) {
  return {{"format", rows.format},
          {"rows", rows.rows.is_null() ? Json(nullptr) : config_value_json(rows.rows)},
          {"fixture", string_or_null(rows.fixture)}};
}

// A unit test as dbt 1.8 writes it under `unit_tests`.
Json unit_test_json(const Manifest& m, size_t index) {
  const Node& node = m.nodes[index];
  const project::UnitTestSpec& spec = *node.unit_test;
  Json given = Json::array();
  for (const auto& input : spec.given) {
    Json entry = fixture_json(input.data);
    entry["input"] = input.input;
    given.push_back(std::move(entry));
  }
  Json config = {{"tags", node.tags()}, {"meta", config_value_json(node.config.get("meta"))}, {"enabled", node.enabled()}};
  if (!config["meta"].is_object()) config["meta"] = Json::object();
  return {{"name", node.name},
          {"resource_type", "unit_test"},
          {"package_name", node.package},
          {"path", node.path},
          {"original_file_path", node.original_file_path},
          {"unique_id", node.unique_id},
          {"fqn", node.fqn},
          {"description", node.description},
          {"model", spec.model},
          {"given", given},
          {"expect", fixture_json(spec.expect)},
          {"overrides", config_value_json(spec.overrides)},
          {"config", config},
          {"depends_on", {{"macros", Json::array()}, {"nodes", Json::array({node.test.attached_node})}}}};
}

std::string manifest_json_text(const Manifest& m, const ManifestJsonInput& input) {
  Json metadata = metadata_json(input.metadata, kManifestSchemaUrl);
  metadata["project_name"] = input.metadata.project_name;
  metadata["adapter_type"] = input.metadata.adapter_type;
  metadata["user_id"] = nullptr;
  metadata["send_anonymous_usage_stats"] = false;

  std::string out;
  out.reserve(m.nodes.size() * 2048);
  JsonObjectWriter doc(out);
  doc.member("metadata", json_text(metadata));
  // One section of nodes: those `wanted`, each as `value(index)`.
  // The members are made on every core (a node's JSON is independent of
  // the others'), then joined in manifest order, in place; each text is
  // freed once copied, so that its memory serves the next ones (fresh pages
  // cost a fault and zeroing each: a sixth of compiling 10,000 models).
  auto section = [&](const char* key, auto wanted, auto value) {
    std::vector<size_t> members;
    for (size_t i = 0; i < m.nodes.size(); ++i)
      if (wanted(m.nodes[i])) members.push_back(i);
    auto values = json_texts_in_parallel(members.size(), [&](size_t k) { return value(members[k]); });
    JsonObjectWriter object(doc.value_of(key));
    for (size_t k = 0; k < members.size(); ++k) {
      object.member(m.nodes[members[k]].unique_id, values[k]);
      std::string().swap(values[k]);
    }
    object.close();
  };
  auto as_node = [&](size_t i) { return node_json(m, i, input.database); };
  section("nodes", [](const Node& n) { return n.enabled() && n.kind != NodeKind::Source && n.kind != NodeKind::UnitTest; },
          as_node);
  section("sources", [](const Node& n) { return n.enabled() && n.kind == NodeKind::Source; }, as_node);
  Json macros = Json::object();
  for (const auto& macro : input.macros) macros["macro." + macro.package + "." + macro.name] = macro_json(macro);
  doc.member("macros", json_text(macros));
  for (const char* empty : {"docs", "exposures", "metrics", "groups", "selectors"}) doc.member(empty, "{}");
  section("disabled", [](const Node& n) { return !n.enabled(); },
          [&](size_t i) { return Json::array({node_json(m, i, input.database)}); });
  auto enabled = [](const Node& n) { return n.enabled(); };
  section("parent_map", enabled, [&](size_t i) { return Json(sorted_ids(m, m.parents[i])); });
  section("child_map", enabled, [&](size_t i) { return Json(sorted_ids(m, m.children[i])); });
  for (const char* empty : {"group_map", "saved_queries", "semantic_models"}) doc.member(empty, "{}");
  section("unit_tests", [](const Node& n) { return n.enabled() && n.kind == NodeKind::UnitTest; },
          [&](size_t i) { return unit_test_json(m, i); });
  doc.close();
  return out;
}

void write_manifest_json(const std::string& path, const Manifest& m, const ManifestJsonInput& input) {
  write_file_atomic(path, manifest_json_text(m, input));
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
