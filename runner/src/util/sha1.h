// SHA-1 (FIPS 180-4): the `sha1_hash` of package-lock.yml, which dbt
// computes with SHA-1. Not for anything security related.
#pragma once

#include <string>
#include <string_view>

namespace mrun {

/// SHA-1 of `data` as 40 lower-case hex digits.
std::string sha1_hex(std::string_view data);

}  // namespace mrun
