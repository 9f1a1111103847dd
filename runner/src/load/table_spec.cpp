#include "load/table_spec.h"

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

}  // namespace mrun::load
