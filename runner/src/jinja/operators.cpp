#include "jinja/operators.h"

#include <cmath>
#include <optional>
#include <algorithm>

#include "jinja/bigint.h"
#include "jinja/format.h"
#include "jinja/template_error.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

using ast::BinOp;
using ast::CmpOp;

std::string type_name(const Value& v) {
  switch (v.kind()) {
    case ValueKind::Undefined: return "Undefined";
    case ValueKind::None: return "NoneType";
    case ValueKind::Bool: return "bool";
    case ValueKind::Int: return "int";
    case ValueKind::Float: return "float";
    case ValueKind::String: return "str";
    case ValueKind::List: return v.list_data().range ? "range" : v.is_tuple() ? "tuple" : "list";
    case ValueKind::Dict: return "dict";
    case ValueKind::Callable: return "function";
    default: return "object";
  }
}

void fail_undefined(const Value& v) {
  std::string hint = v.undefined_hint();
  throw EvalError(hint.empty() ? "undefined value" : hint);
}

namespace {

[[noreturn]] void unsupported(const char* op, const Value& a, const Value& b) {
  if (a.is_undefined()) fail_undefined(a);
  if (b.is_undefined()) fail_undefined(b);
  throw EvalError(std::string("unsupported operand type(s) for ") + op + ": '" + type_name(a) + "' and '" +
                  type_name(b) + "'");
}

bool is_intlike(const Value& v) { return v.is_int() || v.is_bool(); }

/// The most bits an integer result may have (Python has no limit, but
/// prints at most 4300 digits, about 14,300 bits; this keeps `10 ** 10 ** 9`
/// from exhausting time and memory).
constexpr size_t kMaxIntegerBits = 1 << 16;

Value big_result(const BigInt& r) {
  if (r.bit_length() > kMaxIntegerBits) throw EvalError("integer result too large");
  return Value::integer(r);
}

/// a op b on int64 when it does not overflow, else on big integers (Python's
/// ints are unbounded).
template <typename Small, typename Big>
Value int_op(const Value& a, const Value& b, Small small, Big big) {
  int64_t r;
  if (!a.is_big() && !b.is_big() && !small(a.as_int(), b.as_int(), &r)) return Value(r);
  return big_result(big(a.as_bigint(), b.as_bigint()));
}
bool add_ovf(int64_t a, int64_t b, int64_t* r) { return __builtin_add_overflow(a, b, r); }
bool sub_ovf(int64_t a, int64_t b, int64_t* r) { return __builtin_sub_overflow(a, b, r); }
bool mul_ovf(int64_t a, int64_t b, int64_t* r) { return __builtin_mul_overflow(a, b, r); }
BigInt big_add(const BigInt& a, const BigInt& b) { return a + b; }
BigInt big_sub(const BigInt& a, const BigInt& b) { return a - b; }
BigInt big_mul(const BigInt& a, const BigInt& b) { return a * b; }

Value repeat(const Value& seq, int64_t n) {
  if (n < 0) n = 0;
  // Nothing repeated is nothing, however many times (`() * 21 ** 8`).
  if (n <= 0 || (seq.is_string() ? seq.as_string().empty() : seq.list_data().items.empty()))
    return seq.is_string() ? Value(std::string()) : seq.is_tuple() ? Value::tuple({}) : Value::list({});
  if (seq.is_string()) {
    if (n * seq.as_string().size() > (64u << 20)) throw EvalError("string too large");
    std::string out;
    for (int64_t i = 0; i < n; ++i) out += seq.as_string();
    return Value(std::move(out));
  }
  const auto& items = seq.list_data().items;
  if (static_cast<size_t>(n) > kMaxListItems / items.size()) throw EvalError("list too large");
  std::vector<Value> out;
  for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
  return seq.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

/// Python's a // b (quotient) or a % b (remainder) on ints; b is not 0.
Value floor_div_mod(const Value& a, const Value& b, bool remainder) {
  if (!a.is_big() && !b.is_big() && !(b.as_int() == -1 && a.as_int() == INT64_MIN)) {
    int64_t x = a.as_int(), y = b.as_int();
    if (remainder) {
      if (y == -1) return Value(int64_t{0});
      int64_t m = x % y;
      if (m != 0 && ((m < 0) != (y < 0))) m += y;
      return Value(m);
    }
    int64_t q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
    return Value(q);
  }
  BigInt q, r;
  BigInt::floor_divmod(a.as_bigint(), b.as_bigint(), &q, &r);
  return Value::integer(remainder ? r : q);
}

double py_fmod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0) {
    if ((m < 0) != (b < 0)) m += b;
  } else {
    m = std::copysign(0.0, b);  // CPython's float_rem
  }
  return m;
}

Value int_pow(const Value& base_v, const Value& exp_v) {
  if (!base_v.is_big() && !exp_v.is_big()) {
    int64_t base = base_v.as_int(), exp = exp_v.as_int(), result = 1;
    bool overflow = false;
    while (exp > 0 && !overflow) {
      if (exp & 1) overflow = __builtin_mul_overflow(result, base, &result);
      exp >>= 1;
      if (exp && !overflow) overflow = __builtin_mul_overflow(base, base, &base);
    }
    if (!overflow) return Value(result);
  }
  BigInt base = base_v.as_bigint();
  size_t bits = base.bit_length();
  // |base| <= 1 stays small whatever the exponent; otherwise bound the size first.
  if (bits > 1 && (exp_v.is_big() || static_cast<double>(bits - 1) * static_cast<double>(exp_v.as_int()) > kMaxIntegerBits))
    throw EvalError("integer result too large");
  if (exp_v.is_big()) return Value::integer(base.is_zero() ? BigInt(0) : !base.negative() || !exp_v.as_bigint().is_odd() ? BigInt(1) : BigInt(-1));
  return big_result(BigInt::pow(base, static_cast<uint64_t>(exp_v.as_int())));
}

}  // namespace

Value binary_op(BinOp op, const Value& a, const Value& b) {
  bool nums = a.is_number() && b.is_number();
  bool ints = is_intlike(a) && is_intlike(b);
  switch (op) {
    case BinOp::Add:
      if (ints) return int_op(a, b, add_ovf, big_add);
      if (nums) return Value(a.as_double() + b.as_double());
      if (a.is_string() && b.is_string()) {
        if (a.is_safe() || b.is_safe())
          return Value::safe_string((a.is_safe() ? a.as_string() : html_escape(a.as_string())) +
                                    (b.is_safe() ? b.as_string() : html_escape(b.as_string())));
        return Value(a.as_string() + b.as_string());
      }
      if (a.is_list() && b.is_list() && a.is_tuple() == b.is_tuple()) {
        std::vector<Value> items = a.list_data().items;
        items.insert(items.end(), b.list_data().items.begin(), b.list_data().items.end());
        return a.is_tuple() ? Value::tuple(std::move(items)) : Value::list(std::move(items));
      }
      unsupported("+", a, b);
    case BinOp::Sub:
      if (ints) return int_op(a, b, sub_ovf, big_sub);
      if (nums) return Value(a.as_double() - b.as_double());
      unsupported("-", a, b);
    case BinOp::Mul:
      if (ints) return int_op(a, b, mul_ovf, big_mul);
      if (nums) return Value(a.as_double() * b.as_double());
      if ((a.is_string() || a.is_list()) && is_intlike(b)) return repeat(a, b.as_int());
      if ((b.is_string() || b.is_list()) && is_intlike(a)) return repeat(b, a.as_int());
      unsupported("*", a, b);
    case BinOp::Div:
      if (nums) {
        if (b.as_double() == 0) throw EvalError("division by zero");
        return Value(a.as_double() / b.as_double());
      }
      unsupported("/", a, b);
    case BinOp::FloorDiv:
      if (ints) {
        if (b.as_int() == 0) throw EvalError("integer division or modulo by zero");
        return floor_div_mod(a, b, false);
      }
      if (nums) {
        if (b.as_double() == 0) throw EvalError("float floor division by zero");
        return Value(std::floor(a.as_double() / b.as_double()));
      }
      unsupported("//", a, b);
    case BinOp::Mod:
      if (ints) {
        if (b.as_int() == 0) throw EvalError("integer division or modulo by zero");
        return floor_div_mod(a, b, true);
      }
      if (nums) {
        if (b.as_double() == 0) throw EvalError("float modulo");
        return Value(py_fmod(a.as_double(), b.as_double()));
      }
      if (a.is_string()) return Value(percent_format(a.as_string(), b));
      unsupported("%", a, b);
    case BinOp::Pow:
      if (ints && b.as_int() >= 0) return int_pow(a, b);
      if (nums) {
        if (a.as_double() == 0 && b.as_double() < 0) throw EvalError("0.0 cannot be raised to a negative power");
        double r = std::pow(a.as_double(), b.as_double());
        if (std::isnan(r) && !std::isnan(a.as_double())) throw EvalError("complex result");
        if (std::isinf(r) && std::isfinite(a.as_double())) throw EvalError("(34, 'Numerical result out of range')");
        return Value(r);
      }
      unsupported("**", a, b);
  }
  return Value();
}

Value unary_op(bool negate, const Value& a) {
  if (a.is_int() || a.is_bool()) {
    if (!negate) return a.is_big() ? a : Value(a.as_int());
    if (a.is_big() || a.as_int() == INT64_MIN) return Value::integer(-a.as_bigint());
    return Value(-a.as_int());
  }
  if (a.is_float()) return Value(negate ? -a.as_double() : a.as_double());
  if (a.is_undefined()) fail_undefined(a);
  throw EvalError(std::string("bad operand type for unary ") + (negate ? "-" : "+") + ": '" + type_name(a) + "'");
}

bool less_than(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (is_intlike(a) && is_intlike(b)) {
      if (a.is_big() || b.is_big()) return BigInt::compare(a.as_bigint(), b.as_bigint()) < 0;
      return a.as_int() < b.as_int();
    }
    return a.as_double() < b.as_double();
  }
  if (a.is_string() && b.is_string()) return a.as_string() < b.as_string();
  if (a.is_list() && b.is_list() && a.is_tuple() == b.is_tuple()) {
    if (a.same_as(b)) return false;
    const auto& x = a.list_data().items;
    const auto& y = b.list_data().items;
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (x[i].equals(y[i])) continue;
      return less_than(x[i], y[i]);
    }
    return x.size() < y.size();
  }
  if (a.is_undefined()) fail_undefined(a);
  if (b.is_undefined()) fail_undefined(b);
  throw EvalError("'<' not supported between instances of '" + type_name(a) + "' and '" + type_name(b) + "'");
}

bool compare(CmpOp op, const Value& a, const Value& b) {
  switch (op) {
    case CmpOp::Eq: return a.equals(b);
    case CmpOp::Ne: return !a.equals(b);
    case CmpOp::Lt: return less_than(a, b);
    case CmpOp::Gt: return less_than(b, a);
    case CmpOp::Le:
      if ((a.is_big() || b.is_big()) && is_intlike(a) && is_intlike(b)) return !less_than(b, a);
      return a.is_number() && b.is_number() ? a.as_double() <= b.as_double() && (!is_intlike(a) || !is_intlike(b) || a.as_int() <= b.as_int()) : (less_than(a, b) || a.equals(b));
    case CmpOp::Ge:
      if ((a.is_big() || b.is_big()) && is_intlike(a) && is_intlike(b)) return !less_than(a, b);
      return a.is_number() && b.is_number() ? a.as_double() >= b.as_double() && (!is_intlike(a) || !is_intlike(b) || a.as_int() >= b.as_int()) : (less_than(b, a) || a.equals(b));
    case CmpOp::In: return contains(b, a);
    case CmpOp::NotIn: return !contains(b, a);
  }
  return false;
}

bool contains(const Value& container, const Value& item) {
  switch (container.kind()) {
    case ValueKind::String:
      if (!item.is_string())
        throw EvalError("'in <string>' requires string as left operand, not " + type_name(item));
      return container.as_string().find(item.as_string()) != std::string::npos;
    case ValueKind::List:
      for (const auto& v : container.list_data().items)
        if (v.equals(item)) return true;
      return false;
    case ValueKind::Dict:
      check_hashable(item);
      return container.dict_data().find(item) != nullptr;
    case ValueKind::Undefined: return false;
    case ValueKind::Object:
      for (const auto& v : container.as_object().iterate())
        if (v.equals(item)) return true;
      return false;
    default: throw EvalError("argument of type '" + type_name(container) + "' is not iterable");
  }
}

void check_hashable(const Value& key) {
  if ((key.is_list() && !key.is_tuple()) || key.is_dict()) throw EvalError("unhashable type: '" + type_name(key) + "'");
  if (key.is_tuple())
    for (const auto& v : key.list_data().items) check_hashable(v);
}

namespace {

/// Python index normalisation; returns false when out of range.
bool normalize_index(int64_t& i, size_t size) {
  if (i < 0) i += static_cast<int64_t>(size);
  return i >= 0 && i < static_cast<int64_t>(size);
}

Value missing_attr(const Value& obj, const std::string& name) {
  return Value::undefined("'" + (obj.is_dict() ? std::string("dict") : type_name(obj)) + " object' has no attribute '" + name + "'");
}

}  // namespace

Value get_item(const Value& obj, const Value& key) {
  switch (obj.kind()) {
    case ValueKind::Undefined: fail_undefined(obj);
    case ValueKind::Dict:
      if ((key.is_list() && !key.is_tuple()) || key.is_dict()) break;
      if (const Value* v = obj.dict_data().find(key)) return *v;
      break;
    case ValueKind::List:
      if (is_intlike(key)) {
        int64_t i = key.as_int();
        if (normalize_index(i, obj.list_data().items.size())) return obj.list_data().items[i];
      }
      break;
    case ValueKind::String:
      if (is_intlike(key)) {
        auto chars = utf8_chars(obj.as_string());
        int64_t i = key.as_int();
        if (normalize_index(i, chars.size())) return Value(chars[i]);
      }
      break;
    case ValueKind::Object: return obj.as_object().item(key);
    default: break;
  }
  if (key.is_string() && obj.is_object()) return obj.as_object().attribute(key.as_string());
  return Value::undefined(key.is_string() ? "'" + type_name(obj) + " object' has no attribute '" + key.as_string() + "'"
                                          : "'" + type_name(obj) + " object' has no element " + key.repr());
}

Value get_attr(const Value& obj, const std::string& name) {
  switch (obj.kind()) {
    case ValueKind::Undefined: fail_undefined(obj);
    case ValueKind::Dict:
      if (const Value* v = obj.dict_data().find(std::string_view(name))) return *v;
      return missing_attr(obj, name);
    case ValueKind::Object: {
      Value v = obj.as_object().attribute(name);
      if (v.is_undefined() && v.undefined_hint() == name) return missing_attr(obj, name);
      return v;
    }
    case ValueKind::Callable: {
      if (name == "name") return Value(obj.as_callable().name());
      Value v = obj.as_callable().attribute(name);
      if (v.is_undefined() && v.undefined_hint() == name) return missing_attr(obj, name);
      return v;
    }
    case ValueKind::List: {
      const auto& names = obj.list_data().field_names;
      for (size_t i = 0; i < names.size() && i < obj.list_data().items.size(); ++i)
        if (names[i] == name) return obj.list_data().items[i];
      return missing_attr(obj, name);
    }
    default: return missing_attr(obj, name);
  }
}

Value slice(const Value& obj, const Value& start_v, const Value& stop_v, const Value& step_v) {
  if (obj.is_undefined()) fail_undefined(obj);
  auto as_index = [](const Value& v, const char* what) -> std::optional<int64_t> {
    if (v.is_undefined() || v.is_none()) return std::nullopt;
    if (!is_intlike(v)) throw EvalError(std::string("slice ") + what + " must be an integer or None");
    return v.as_int();
  };
  int64_t step = as_index(step_v, "step").value_or(1);
  if (step == 0) throw EvalError("slice step cannot be zero");
  std::vector<std::string> chars;
  const std::vector<Value>* items = nullptr;
  if (obj.is_string()) chars = utf8_chars(obj.as_string());
  else if (obj.is_list()) items = &obj.list_data().items;
  else throw EvalError("'" + type_name(obj) + "' object is not subscriptable");
  int64_t n = static_cast<int64_t>(items ? items->size() : chars.size());
  auto clamp = [&](std::optional<int64_t> v, int64_t def) {
    if (!v) return def;
    int64_t i = *v;
    if (i < 0) i += n;
    if (step > 0) return std::max<int64_t>(0, std::min(i, n));
    return std::max<int64_t>(-1, std::min(i, n - 1));
  };
  int64_t start = clamp(as_index(start_v, "indices"), step > 0 ? 0 : n - 1);
  int64_t stop = clamp(as_index(stop_v, "indices"), step > 0 ? n : -1);
  std::string s;
  std::vector<Value> out;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
    if (items) out.push_back((*items)[i]);
    else s += chars[i];
  }
  if (!items) return Value(std::move(s));
  return obj.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

std::vector<Value> iterate(const Value& v, bool strict) {
  switch (v.kind()) {
    case ValueKind::List: return v.list_data().items;
    case ValueKind::Dict: {
      std::vector<Value> keys;
      for (const auto& kv : v.dict_data().items) keys.push_back(kv.first);
      return keys;
    }
    case ValueKind::String: {
      std::vector<Value> out;
      for (auto& c : utf8_chars(v.as_string())) out.emplace_back(std::move(c));
      return out;
    }
    case ValueKind::Undefined:
      if (strict) fail_undefined(v);
      return {};
    case ValueKind::Object: return v.as_object().iterate();
    default: throw EvalError("'" + type_name(v) + "' object is not iterable");
  }
}

int64_t length(const Value& v) {
  switch (v.kind()) {
    case ValueKind::String: return static_cast<int64_t>(utf8_length(v.as_string()));
    case ValueKind::List: return static_cast<int64_t>(v.list_data().items.size());
    case ValueKind::Dict: return static_cast<int64_t>(v.dict_data().items.size());
    case ValueKind::Undefined: return 0;
    case ValueKind::Object:
      if (auto n = v.as_object().length()) return *n;
      break;
    default: break;
  }
  throw EvalError("object of type '" + type_name(v) + "' has no len()");
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace mrun::jinja
