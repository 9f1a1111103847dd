// SHA-256 (FIPS 180-4): the checksums of manifest.json, which dbt computes
// as the SHA-256 of a node's file. Not for anything security related.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mrun {

/// SHA-256 of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace mrun
