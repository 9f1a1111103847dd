// Value formats of The Movies Dataset: pandas-style CSV fields, Python repr
// of strings, and the number spellings the real files use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mrun::moviegen {

/// Appends v as one CSV field the way pandas/Python csv (QUOTE_MINIMAL) writes
/// it: quoted only when it holds a comma, a double quote, CR or LF.
void append_csv_field(std::string& out, std::string_view v);

/// Appends Python's repr() of the UTF-8 string v: single quotes, or double
/// quotes when v has an apostrophe and no double quote; backslash escapes for
/// quotes, backslashes, control and non-printable characters. Invalid UTF-8
/// bytes are written as they are.
void append_py_str(std::string& out, std::string_view v);

/// Appends the decimal digits of v.
void append_uint(std::string& out, uint64_t v);

/// Appends v in decimal, left-padded with zeros to width digits.
void append_zero_padded(std::string& out, uint64_t v, int width);

/// Appends Python's repr() of the float micros / 10^6, e.g. "21.946943",
/// "3.0", "8.2e-05".
void append_py_float_micros(std::string& out, uint64_t micros);

/// Appends tenths / 10 with one decimal, e.g. 77 -> "7.7", 0 -> "0.0".
void append_tenths(std::string& out, uint64_t tenths);

/// Appends a date as YYYY-MM-DD.
void append_date(std::string& out, int year, int month, int day);

}  // namespace mrun::moviegen
