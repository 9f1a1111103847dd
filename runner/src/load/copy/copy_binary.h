// COPY's binary format: the server stores binary values without parsing
// text, which roughly halves its work per row for numeric columns (ratings).
// append_binary_value takes values already checked (value_check.h);
// append_checked_binary_value checks and encodes in one pass.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "load/csv/value_check.h"

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

/// What became of a value given to append_checked_binary_value.
enum class BinaryValue { Appended, FailsCheck, NotEncodable };

/// Checks the non-empty `value` with `rule` (as check_value does) and
/// appends it as a field of rule.type; integers and decimals are parsed once
/// for both. On FailsCheck `why` says why; after either failure `out` may
/// hold part of the field (the caller drops the row).
BinaryValue append_checked_binary_value(std::string& out, const ValueRule& rule, std::string_view value,
                                        std::string& why);

}  // namespace mrun::load
