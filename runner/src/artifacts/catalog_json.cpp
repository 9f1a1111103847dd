#include "artifacts/catalog_json.h"

#include <nlohmann/json.hpp>

#include "artifacts/json_text.h"
#include "util/strings.h"

namespace mrun::artifacts {

const char* const kCatalogSchemaUrl = "https://schemas.getdbt.com/dbt/catalog/v1.json";

namespace {

using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

// One entry of "stats", as dbt's adapters write them.
Json stat(const std::string& id, const std::string& label, Json value, const std::string& description) {
  return {{"id", id}, {"label", label}, {"value", std::move(value)}, {"include", true}, {"description", description}};
}

Json relation_json(const CatalogRelation& r) {
  Json columns = Json::object();
  for (const auto& c : r.columns) {
    columns[c.name] = {{"type", c.type}, {"index", c.index}, {"name", c.name}, {"comment", text_or_null(c.comment)}};
  }
  Json stats = Json::object();
  bool has_stats = r.row_count || r.bytes;
  if (r.row_count)
    stats["row_count"] = stat("row_count", "Row Count", *r.row_count,
                              "Rows in the relation (table statistics after ANALYZE, else counted)");
  if (r.bytes)
    stats["bytes"] = stat("bytes", "Approximate Size", *r.bytes, "Size on disk with indexes and TOAST, in bytes");
  stats["has_stats"] = {{"id", "has_stats"},
                        {"label", "Has Stats?"},
                        {"value", has_stats},
                        {"include", false},
                        {"description", "Indicates whether there are statistics for this table"}};
  return {{"metadata",
           {{"type", r.type},
            {"schema", r.schema},
            {"name", r.name},
            {"database", text_or_null(r.database)},
            {"comment", text_or_null(r.comment)},
            {"owner", text_or_null(r.owner)}}},
          {"columns", std::move(columns)},
          {"stats", std::move(stats)},
          {"unique_id", r.unique_id}};
}

}  // namespace

std::string catalog_json_text(const std::vector<CatalogRelation>& relations, const ArtifactMetadata& metadata) {
  std::vector<size_t> nodes, sources;
  for (size_t i = 0; i < relations.size(); ++i) (relations[i].is_source ? sources : nodes).push_back(i);
  std::string text;
  JsonWriter doc(text);
  doc.begin_object();
  doc.key("metadata").raw(json_text(metadata_json(metadata, kCatalogSchemaUrl)));
  for (const auto* section : {&nodes, &sources}) {
    doc.key(section == &nodes ? "nodes" : "sources").begin_object();
    write_members_in_parallel(doc, section->size(), [&](size_t k, JsonWriter& out) {
      const CatalogRelation& relation = relations[(*section)[k]];
      out.key(relation.unique_id).raw(json_text(relation_json(relation)));
    });
    doc.end_object();
  }
  doc.key("errors").null();
  doc.end_object();
  return text;
}

void write_catalog_json(const std::string& path, const std::vector<CatalogRelation>& relations,
                        const ArtifactMetadata& metadata) {
  write_file_atomic(path, catalog_json_text(relations, metadata));
}

}  // namespace mrun::artifacts
