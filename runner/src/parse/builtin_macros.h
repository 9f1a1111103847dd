// The macros mrun ships, written in the template language like dbt's own:
// generate_schema_name and the generic tests unique, not_null,
// accepted_values and relationships. A project macro of the same name wins.
#pragma once

namespace mrun::parse {

/// The source of the builtin macros template.
const char* builtin_macros_source();

}  // namespace mrun::parse
