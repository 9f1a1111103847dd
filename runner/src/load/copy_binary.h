// COPY's binary format: the server stores binary values without parsing
// text, which roughly halves its work per row for numeric columns (ratings).
// Values arrive here already checked (value_check.h), so encoding cannot
// meet malformed input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "load/value_check.h"

namespace mrun::load {

/// True when every type in the table can be sent in binary (no kOther).
bool binary_copy_supported(ColumnType type);

/// Appends the binary COPY header (signature, flags, extension length).
void append_binary_header(std::string& out);

/// Appends the end-of-data marker.
void append_binary_trailer(std::string& out);

/// Appends a tuple's field count.
void append_binary_field_count(std::string& out, int16_t count);

/// Appends a NULL field.
void append_binary_null(std::string& out);

/// Appends a big-endian int64 field (the loader's _line column).
void append_binary_int8(std::string& out, int64_t value);

/// Appends the non-empty, checked text `value` as a field of `type`.
/// Returns false when it cannot be encoded (a value no check guarded).
bool append_binary_value(std::string& out, ColumnType type, std::string_view value);

}  // namespace mrun::load
