#include "jinja/value.h"

#include "jinja/bigint.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "jinja/template_error.h"
#include "jinja/utf8.h"

namespace mrun::jinja {

namespace {

const std::string kEmpty;

/// Bounds recursion through self-referential containers (`l.append(l)`).
struct NestingGuard {
  static inline thread_local int depth = 0;
  NestingGuard() {
    if (++depth > 200) {
      --depth;
      throw EvalError("maximum recursion depth exceeded");
    }
  }
  ~NestingGuard() { --depth; }
};

/// A Callable wrapping a NativeFunction.
class NativeCallable : public Callable {
 public:
  NativeCallable(std::string name, NativeFunction fn) : name_(std::move(name)), fn_(std::move(fn)) {}
  Value call(CallArgs& args) const override { return fn_(args); }
  std::string name() const override { return name_; }

 private:
  std::string name_;
  NativeFunction fn_;
};

}  // namespace

const Value* DictData::find(const Value& key) const {
  if (key.is_string()) return find(std::string_view(key.as_string()));
  for (const auto& [k, v] : items)
    if (k.equals(key)) return &v;
  return nullptr;
}

const Value* DictData::find(std::string_view key) const {
  for (const auto& [k, v] : items)
    if (k.is_string() && k.as_string() == key) return &v;
  return nullptr;
}

void DictData::set(Value key, Value value) {
  for (auto& [k, v] : items)
    if (k.equals(key)) {
      v = std::move(value);
      return;
    }
  items.emplace_back(std::move(key), std::move(value));
}

bool DictData::erase(const Value& key) {
  for (auto it = items.begin(); it != items.end(); ++it)
    if (it->first.equals(key)) {
      items.erase(it);
      return true;
    }
  return false;
}

const Value* CallArgs::kwarg(std::string_view name) const {
  for (const auto& [k, v] : keyword)
    if (k == name) return &v;
  return nullptr;
}

Value CallArgs::get(size_t index, std::string_view name, const Value& fallback) const {
  if (index < positional.size()) return positional[index];
  if (const Value* v = kwarg(name)) return *v;
  return fallback;
}

void CallArgs::check(std::string_view what, std::initializer_list<std::string_view> names) const {
  if (positional.size() > names.size())
    throw EvalError(std::string(what) + "() takes at most " + std::to_string(names.size()) + " argument(s) (" +
                    std::to_string(positional.size()) + " given)");
  for (const auto& [k, v] : keyword) {
    bool known = false;
    size_t i = 0;
    for (auto n : names) {
      if (n == k) {
        known = true;
        if (i < positional.size()) throw EvalError(std::string(what) + "() got multiple values for argument '" + k + "'");
      }
      ++i;
    }
    if (!known) throw EvalError(std::string(what) + "() got an unexpected keyword argument '" + k + "'");
  }
}

Value Object::attribute(std::string_view) const { return Value(); }
bool Object::set_attribute(std::string_view, Value) { return false; }
std::string Object::str() const { return "<object>"; }
Value Object::item(const Value& key) const {
  return key.is_string() ? attribute(key.as_string()) : Value();
}
Value Object::call(CallArgs&) { throw EvalError("'" + str() + "' object is not callable"); }
std::vector<Value> Object::iterate() { throw EvalError("'object' object is not iterable"); }
std::optional<int64_t> Object::length() const { return std::nullopt; }
bool Object::is_mapping() const { return false; }
bool Object::equals(const Object& other) const { return this == &other; }
bool Object::truthy() const { return true; }
bool Object::is_iterable() const { return false; }
Value Callable::attribute(std::string_view name) const { return Value::undefined(std::string(name)); }

RecordObject::RecordObject(std::vector<std::pair<std::string, Value>> attributes, std::string display)
    : attributes_(std::move(attributes)), display_(std::move(display)) {}

Value RecordObject::attribute(std::string_view name) const {
  for (const auto& [k, v] : attributes_)
    if (k == name) return v;
  return Value::undefined(std::string(name));
}

bool RecordObject::set_attribute(std::string_view, Value) { return false; }
std::string RecordObject::str() const { return display_; }

Value::Value(std::string s) : kind_(ValueKind::String), ptr_(std::make_shared<std::string>(std::move(s))) {}

Value Value::integer(const BigInt& i) {
  if (auto small = i.to_int64()) return Value(*small);
  Value v;
  v.kind_ = ValueKind::Int;
  v.u_.i = i.negative() ? INT64_MIN : INT64_MAX;  // what as_int() gives: saturated
  v.ptr_ = std::make_shared<BigInt>(i);
  return v;
}

BigInt Value::as_bigint() const {
  if (is_big()) return *static_cast<const BigInt*>(ptr_.get());
  return BigInt(as_int());
}

namespace {

/// Python's str() of a big integer, which refuses more than 4300 digits
/// (sys.int_info.default_max_str_digits).
std::string big_decimal(const BigInt& i) {
  std::string text = i.to_string();
  if (text.size() - (i.negative() ? 1 : 0) > 4300)
    throw EvalError("Exceeds the limit (4300 digits) for integer string conversion");
  return text;
}

}  // namespace

double Value::big_double() const { return static_cast<const BigInt*>(ptr_.get())->to_double(); }

Value Value::none() {
  Value v;
  v.kind_ = ValueKind::None;
  return v;
}

Value Value::undefined(std::string hint) {
  Value v;
  if (!hint.empty()) v.ptr_ = std::make_shared<std::string>(std::move(hint));
  return v;
}

Value Value::safe_string(std::string s) {
  Value v(std::move(s));
  v.safe_ = true;
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.kind_ = ValueKind::List;
  auto data = std::make_shared<ListData>();
  data->items = std::move(items);
  v.ptr_ = std::move(data);
  return v;
}

Value Value::tuple(std::vector<Value> items) {
  Value v = list(std::move(items));
  v.list_data().is_tuple = true;
  return v;
}

Value Value::dict() {
  Value v;
  v.kind_ = ValueKind::Dict;
  v.ptr_ = std::make_shared<DictData>();
  return v;
}

Value Value::dict(std::vector<std::pair<Value, Value>> items) {
  Value v = dict();
  for (auto& [k, val] : items) v.dict_data().set(std::move(k), std::move(val));
  return v;
}

Value Value::function(std::string name, NativeFunction fn) {
  return callable(std::make_shared<NativeCallable>(std::move(name), std::move(fn)));
}

Value Value::callable(std::shared_ptr<const Callable> c) {
  Value v;
  v.kind_ = ValueKind::Callable;
  v.ptr_ = std::const_pointer_cast<Callable>(std::move(c));
  return v;
}

Value Value::object(std::shared_ptr<Object> o) {
  Value v;
  v.kind_ = ValueKind::Object;
  v.ptr_ = std::move(o);
  return v;
}

std::shared_ptr<Object> Value::object_ptr() const {
  return kind_ == ValueKind::Object ? std::static_pointer_cast<Object>(ptr_) : nullptr;
}

std::string Value::undefined_hint() const {
  return kind_ == ValueKind::Undefined && ptr_ ? *static_cast<const std::string*>(ptr_.get()) : std::string();
}

const std::string& Value::as_string() const {
  return kind_ == ValueKind::String ? *static_cast<const std::string*>(ptr_.get()) : kEmpty;
}

bool Value::truthy() const {
  switch (kind_) {
    case ValueKind::Undefined:
    case ValueKind::None: return false;
    case ValueKind::Bool: return u_.b;
    case ValueKind::Int: return u_.i != 0;
    case ValueKind::Float: return u_.d != 0.0;
    case ValueKind::String: return !as_string().empty();
    case ValueKind::List: return !list_data().items.empty();
    case ValueKind::Dict: return !dict_data().items.empty();
    case ValueKind::Object: return as_object().truthy();
    default: return true;
  }
}

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci looks like "-1.2345e+05": split into sign, digits and exponent.
  bool negative = sci[0] == '-';
  size_t start = negative ? 1 : 0;
  size_t epos = sci.find('e');
  std::string digits;
  for (size_t i = start; i < epos; ++i)
    if (sci[i] != '.') digits += sci[i];
  int exponent = std::stoi(sci.substr(epos + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int decpt = exponent + 1;  // position of the decimal point after digit 0
  std::string out = negative ? "-" : "";
  if (decpt > 16 || decpt < -3) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + e;
  }
  if (decpt <= 0) return out + "0." + std::string(-decpt, '0') + digits;
  if (static_cast<size_t>(decpt) >= digits.size())
    return out + digits + std::string(decpt - digits.size(), '0') + ".0";
  return out + digits.substr(0, decpt) + "." + digits.substr(decpt);
}

std::string string_repr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = utf8_next(s, i);
    char buf[16];
    if (cp == '\\') out += "\\\\";
    else if (cp == static_cast<uint32_t>(quote)) { out += '\\'; out += quote; }
    else if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0xa0) || cp == 0xad) {
      std::snprintf(buf, sizeof buf, "\\x%02x", cp);
      out += buf;
    } else if ((cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) || cp == 0xfeff || cp == 0x3000 ||
               (cp >= 0xd800 && cp <= 0xdfff)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      out += buf;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  out += quote;
  return out;
}

void Value::append_str(std::string& out) const {
  switch (kind_) {
    case ValueKind::Undefined: return;
    case ValueKind::String: out += as_string(); return;
    case ValueKind::Int: {
      if (ptr_) {
        out += big_decimal(as_bigint());
        return;
      }
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, u_.i);
      out.append(buf, r.ptr);
      return;
    }
    default: out += str();
  }
}

std::string Value::str() const {
  switch (kind_) {
    case ValueKind::Undefined: return "";
    case ValueKind::None: return "None";
    case ValueKind::Bool: return u_.b ? "True" : "False";
    case ValueKind::Int: return ptr_ ? big_decimal(as_bigint()) : std::to_string(u_.i);
    case ValueKind::Float: return float_repr(u_.d);
    case ValueKind::String: return as_string();
    case ValueKind::Object: return as_object().str();
    case ValueKind::Callable: {
      const Callable& c = as_callable();
      return c.is_macro() ? "<Macro '" + c.name() + "'>" : "<function " + c.name() + ">";
    }
    default: return repr();
  }
}

std::string Value::repr() const {
  NestingGuard guard;
  switch (kind_) {
    case ValueKind::String:
      return safe_ ? "Markup(" + string_repr(as_string()) + ")" : string_repr(as_string());
    case ValueKind::List: {
      const ListData& l = list_data();
      if (l.range)
        return "range(" + std::to_string(l.range->start) + ", " + std::to_string(l.range->stop) +
               (l.range->step != 1 ? ", " + std::to_string(l.range->step) : "") + ")";
      std::string out = l.is_tuple ? "(" : "[";
      for (size_t i = 0; i < l.items.size(); ++i) {
        if (i) out += ", ";
        out += l.items[i].repr();
      }
      if (l.is_tuple && l.items.size() == 1) out += ",";
      return out + (l.is_tuple ? ")" : "]");
    }
    case ValueKind::Dict: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : dict_data().items) {
        if (!first) out += ", ";
        first = false;
        out += k.repr() + ": " + v.repr();
      }
      return out + "}";
    }
    case ValueKind::Undefined: return "Undefined";
    default: return str();
  }
}

Value Value::attribute(std::string_view name) const {
  if (kind_ == ValueKind::Dict) {
    if (const Value* v = dict_data().find(name)) return *v;
  } else if (kind_ == ValueKind::Object) {
    return as_object().attribute(name);
  }
  return Value::undefined(std::string(name));
}

bool Value::equals(const Value& other) const {
  if (is_number() && other.is_number()) {
    if (kind_ != ValueKind::Float && other.kind_ != ValueKind::Float) {
      if (is_big() || other.is_big()) return BigInt::compare(as_bigint(), other.as_bigint()) == 0;
      return as_int() == other.as_int();
    }
    return as_double() == other.as_double();
  }
  if (kind_ != other.kind_) return false;
  NestingGuard guard;
  switch (kind_) {
    case ValueKind::Undefined:
    case ValueKind::None: return true;
    case ValueKind::String: return as_string() == other.as_string();
    case ValueKind::List: {
      const auto& a = list_data();
      const auto& b = other.list_data();
      if (a.is_tuple != b.is_tuple || a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i)
        if (!a.items[i].equals(b.items[i])) return false;
      return true;
    }
    case ValueKind::Dict: {
      const auto& a = dict_data();
      const auto& b = other.dict_data();
      if (a.items.size() != b.items.size()) return false;
      for (const auto& [k, v] : a.items) {
        const Value* o = b.find(k);
        if (!o || !o->equals(v)) return false;
      }
      return true;
    }
    case ValueKind::Object: return ptr_ == other.ptr_ || as_object().equals(other.as_object());
    default: return ptr_ == other.ptr_;
  }
}

bool Value::cpython_singleton() const {
  switch (kind_) {
    case ValueKind::Undefined:
    case ValueKind::None:
    case ValueKind::Bool: return true;
    case ValueKind::Int: return !ptr_ && u_.i >= -5 && u_.i <= 256;
    case ValueKind::String: {
      const std::string& s = as_string();
      auto lead = static_cast<unsigned char>(s.empty() ? 0 : s[0]);
      return s.empty() || (s.size() == 1 && lead < 0x80) || (s.size() == 2 && (lead == 0xc2 || lead == 0xc3));
    }
    default: return false;
  }
}

bool Value::same_as(const Value& other) const {
  if (kind_ != other.kind_) return false;
  if (kind_ == ValueKind::String && ptr_ == other.ptr_) return true;
  if (cpython_singleton()) return equals(other) && other.cpython_singleton();
  return kind_ != ValueKind::Int && kind_ != ValueKind::Float && ptr_ == other.ptr_;
}

Value Value::call(CallArgs& args) const {
  if (kind_ == ValueKind::Object) return as_object().call(args);
  if (kind_ != ValueKind::Callable) throw EvalError("'" + repr() + "' object is not callable");
  return as_callable().call(args);
}

}  // namespace mrun::jinja
