// The loader's table specs for tests, taken from schema-file text the way
// `mrun load` takes them from the parsed project: project::parse_schema_text,
// then load::loadable_tables. Header-only: only the load tests (which link
// mrun_load) include it.
#pragma once

#include <string>
#include <vector>

#include "load/table_spec.h"
#include "project/schema_file.h"

namespace mrun::test {

/// The loadable tables of the schema file text `yaml`, named `origin` in errors.
inline std::vector<load::TableSpec> load_specs(const std::string& yaml, const std::string& origin = "test.yml") {
  std::vector<std::string> warnings;
  return load::loadable_tables({project::parse_schema_text(yaml, origin, warnings)});
}

/// The loadable tables of the schema file at `path`.
inline std::vector<load::TableSpec> load_specs_of_file(const std::string& path) {
  std::vector<std::string> warnings;
  return load::loadable_tables({project::load_schema_file(path, path, warnings)});
}

}  // namespace mrun::test
