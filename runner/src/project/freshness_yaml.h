// Reading `freshness:` and `loaded_at_field:` of a source or a source table
// from a schema file (project/source_freshness.h), errors at file:line:col.
#pragma once

#include "project/source_freshness.h"
#include "project/yaml_file.h"

namespace mrun::project {

/// The freshness settings among `fields` (a source's or a table's keys;
/// `config: {freshness: ...}` is read too, as dbt 1.9 writes it). Throws
/// ConfigError for a malformed threshold (count not a positive whole number,
/// period not minute, hour or day).
FreshnessSetting read_freshness_setting(const YamlFile& file, const MapFields& fields);

}  // namespace mrun::project
