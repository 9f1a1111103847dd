// Per-value checks of the raw columns (`meta: {check: ...}` in sources.yml).
//
// A value that passes its check is guaranteed to be accepted by COPY into
// the column's data_type, so a bad value rejects one record instead of
// failing the whole COPY. Typed columns without an explicit check get the
// check their type implies (bigint -> int, double precision -> numeric...).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "load/csv/decimal_text.h"
#include "project/source_load.h"

namespace mrun::load {

/// The PostgreSQL types the loader can send in COPY's binary format
/// (kOther: any other type, sent as text).
enum class ColumnType { Other, Text, Json, Jsonb, Int2, Int4, Int8, Numeric, Float4, Float8, Date, Boolean };

/// A column's check with the limits of its data_type, ready to apply.
struct ValueRule {
  ColumnType type = ColumnType::Other;  ///< the column's data_type
  project::Check check = project::Check::None;
  int64_t min = std::numeric_limits<int64_t>::min();  ///< integer range of the type
  int64_t max = std::numeric_limits<int64_t>::max();
  int precision = 0;      ///< numeric(p,s): total digits; 0 = unconstrained
  int scale = 0;          ///< numeric(p,s): digits after the point
  bool floating = false;  ///< real / double precision: NaN and Infinity are valid
};

/// The rule for `column`: its check (or the one its data_type implies) with
/// the limits of its data_type. Throws ConfigError (at the column) when the
/// check cannot hold for the type, e.g. `check: date` on a bigint column.
ValueRule value_rule_for(const project::LoadColumn& column);

/// True when the non-empty `value` passes `rule`; else false with `why`
/// set to a short reason ("not an integer", "out of range for integer").
bool check_value(const ValueRule& rule, std::string_view value, std::string& why);

/// The int / positive_int check of check_value, keeping the parsed `v`
/// (the loader encodes it without parsing again). Accepts an integer written
/// in decimal notation when its value is whole, as a pandas re-save writes
/// integer columns: "5415.0", "1e3", "1.0e3", "-0.0" (v = 5415, 1000, 1000,
/// 0); "1.5" and "1e-1" are "not an integer". Never allocates.
bool check_integer(const ValueRule& rule, std::string_view value, int64_t& v, std::string& why);

/// Room for an int64 in decimal digits, without allocating.
struct IntegerText {
  char digits[24];
  /// `v` written into `digits`.
  std::string_view write(int64_t v);
};

/// check_value, and a value that passes an int / positive_int check is
/// replaced by its integer's digits in `scratch` ("5415.0" -> "5415"), so
/// that every numeric column type stores the integer; text columns (and
/// types mrun does not know) keep the value as written ("007").
bool check_value_as_stored(const ValueRule& rule, std::string_view& value, IntegerText& scratch, std::string& why);

/// The numeric check of check_value for a decimal literal (NaN and Infinity
/// are not decimals: the caller handles them), keeping the parsed parts in `d`.
/// Range checks numeric(p,s); a float's range is left to the caller.
bool check_decimal(const ValueRule& rule, std::string_view value, DecimalText& d, std::string& why);

}  // namespace mrun::load
