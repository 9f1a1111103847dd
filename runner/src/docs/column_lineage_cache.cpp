#include "docs/column_lineage_cache.h"

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "util/md5_digest.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace mrun::docs {

namespace {

constexpr int kFormat = 1;

std::string column_list(const std::vector<artifacts::CatalogColumn>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ",") + c.name + " " + c.type;
  return out;
}

// "schema.relation" of a "schema.relation.column" origin.
std::string relation_of_column(const std::string& column) { return column.substr(0, column.rfind('.')); }

nlohmann::json origins_json(const DirectOrigins& origins) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [column, origin] : origins) out[column] = origin.known ? nlohmann::json(origin.sources) : nullptr;
  return out;
}

DirectOrigins origins_from_json(const nlohmann::json& j) {
  DirectOrigins out;
  for (const auto& [column, sources] : j.items()) {
    ColumnOrigin& o = out[column];
    o.known = !sources.is_null();
    if (o.known) o.sources = sources.get<std::vector<std::string>>();
  }
  return out;
}

}  // namespace

ColumnLineageCache::ColumnLineageCache(std::string path, std::string version,
                                       const std::vector<artifacts::CatalogRelation>& catalog)
    : path_(std::move(path)), version_(std::move(version)) {
  for (const auto& r : catalog) columns_[r.schema + "." + r.name] = column_list(r.columns);
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) return;
  try {
    nlohmann::json j = nlohmann::json::parse(read_file(path_));
    if (j.value("format", 0) != kFormat || j.value("mrun_version", std::string()) != version_) return;
    file_server_ = j.value("server", std::string());  // compared with the server's in lookup()
    for (const auto& [id, entry] : j.at("models").items())
      loaded_[id] = {entry.at("key").get<std::string>(), origins_from_json(entry.at("columns"))};
  } catch (const std::exception&) {
    loaded_.clear();  // a damaged file is no cache
  }
}

std::set<std::string> ColumnLineageCache::relations_of(const graph::Manifest& manifest, size_t index,
                                                       const DirectOrigins* origins) const {
  std::set<std::string> out;
  std::function<void(size_t)> parents = [&](size_t i) {
    for (size_t p : manifest.parents[i]) {
      const graph::Node& n = manifest.nodes[p];
      if (n.kind == graph::NodeKind::Model && n.materialized() == "ephemeral") parents(p);  // inlined: what it reads
      else if (!n.relation_name.empty()) out.insert(n.database_schema + "." + n.relation_name);
    }
  };
  parents(index);
  if (origins)
    for (const auto& [column, origin] : *origins)
      for (const auto& s : origin.sources) out.insert(relation_of_column(s));
  return out;
}

std::string ColumnLineageCache::key(const graph::Manifest& manifest, size_t index,
                                    const std::set<std::string>& relations) const {
  Md5Digest digest;
  auto field = [&digest](std::string_view value) {
    digest.update(std::to_string(value.size()) + ":");  // length-prefixed: no two lists digest the same bytes
    digest.update(value);
  };
  field(manifest.nodes[index].compiled_code);
  for (const auto& r : relations) {
    field(r);
    auto it = columns_.find(r);
    field(it == columns_.end() ? "" : it->second);
  }
  return digest.hex();
}

void ColumnLineageCache::read_columns(pqxx::connection& conn, const std::set<std::string>& relations) {
  std::string wanted;
  pqxx::nontransaction tx(conn);
  for (const auto& r : relations)
    if (!columns_.count(r)) {
      wanted += (wanted.empty() ? "" : ", ") + tx.quote(r);
      columns_[r] = "";  // absent unless found below
    }
  if (wanted.empty()) return;
  for (const auto& row : tx.exec(
           "select n.nspname || '.' || c.relname, string_agg(a.attname || ' ' || format_type(a.atttypid, "
           "a.atttypmod), ',' order by a.attnum) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
           "join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped "
           "where n.nspname || '.' || c.relname in (" + wanted + ") group by 1"))
    columns_[row[0].c_str()] = row[1].c_str();
}

std::vector<std::optional<DirectOrigins>> ColumnLineageCache::lookup(pqxx::connection& conn,
                                                                     const graph::Manifest& manifest,
                                                                     const std::vector<size_t>& models) {
  server_ = "PostgreSQL " + std::to_string(conn.server_version());
  if (file_server_ != server_) loaded_.clear();  // another server may analyze differently
  std::vector<std::optional<DirectOrigins>> out(models.size());
  std::vector<const Entry*> entries(models.size(), nullptr);
  std::set<std::string> relations;
  for (size_t k = 0; k < models.size(); ++k) {
    auto it = loaded_.find(manifest.nodes[models[k]].unique_id);
    if (it == loaded_.end()) continue;
    entries[k] = &it->second;
    std::set<std::string> mine = relations_of(manifest, models[k], &it->second.origins);
    relations.insert(mine.begin(), mine.end());
  }
  read_columns(conn, relations);
  run_in_parallel(models.size(), [&](size_t k) {
    if (entries[k] && entries[k]->key == key(manifest, models[k], relations_of(manifest, models[k], &entries[k]->origins)))
      out[k] = entries[k]->origins;
  });
  for (size_t k = 0; k < models.size(); ++k)
    if (out[k]) {
      kept_[manifest.nodes[models[k]].unique_id] = *entries[k];
      ++hits_;
    }
  return out;
}

void ColumnLineageCache::remember(pqxx::connection& conn, const graph::Manifest& manifest,
                                  const std::vector<size_t>& models,
                                  const std::vector<std::optional<DirectOrigins>>& origins) {
  std::set<std::string> relations;
  for (size_t k = 0; k < models.size(); ++k)
    if (origins[k]) {
      std::set<std::string> mine = relations_of(manifest, models[k], &*origins[k]);
      relations.insert(mine.begin(), mine.end());
    }
  read_columns(conn, relations);
  std::vector<std::string> keys(models.size());
  run_in_parallel(models.size(), [&](size_t k) {
    if (origins[k]) keys[k] = key(manifest, models[k], relations_of(manifest, models[k], &*origins[k]));
  });
  for (size_t k = 0; k < models.size(); ++k)
    if (origins[k]) kept_[manifest.nodes[models[k]].unique_id] = {keys[k], *origins[k]};
}

void ColumnLineageCache::save() const {
  nlohmann::json models = nlohmann::json::object();
  for (const auto& [id, entry] : kept_) models[id] = {{"key", entry.key}, {"columns", origins_json(entry.origins)}};
  nlohmann::json j = {
      {"format", kFormat}, {"mrun_version", version_}, {"server", server_}, {"models", std::move(models)}};
  write_file_atomic(path_, j.dump());
}

}  // namespace mrun::docs
