#include "load/table_spec.h"

#include "util/md5_digest.h"

namespace mrun::load {

std::vector<TableSpec> loadable_tables(const std::vector<project::SchemaFile>& files) {
  std::vector<TableSpec> tables;
  for (const auto& file : files) {
    for (const auto& source : file.sources) {
      for (const auto& table : source.tables) {
        if (!table.load) continue;
        for (const auto& other : tables)
          if (other.schema == source.schema && other.identifier == table.identifier)
            throw ConfigError(table.where, "table '" + source.schema + "." + table.identifier +
                                               "' is loaded twice (first at " + other.where.str() + ")");
        tables.push_back({source.name, table.name, source.schema, table.identifier, *table.load, table.where});
      }
    }
  }
  return tables;
}

std::string spec_fingerprint(const TableSpec& spec) {
  std::string text = spec.schema + "\n" + spec.identifier + "\n" + spec.load.file + "\n";
  text += "max_reject_ratio=" + (spec.load.max_reject_ratio ? std::to_string(*spec.load.max_reject_ratio) : "") + "\n";
  text += "min_rows=" + (spec.load.min_rows ? std::to_string(*spec.load.min_rows) : "") + "\n";
  for (const project::LoadColumn& c : spec.load.columns) {
    text += c.name + "\t" + c.data_type + "\t" + std::to_string(static_cast<int>(c.check)) + "\t" +
            (c.required ? "required" : "") + "\t" + std::to_string(static_cast<int>(c.transform)) + "\n";
  }
  return md5_hex(text);
}

}  // namespace mrun::load
