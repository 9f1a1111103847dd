// The value type of the template language. A Value is small (32 bytes) and
// cheap to copy: scalars are stored inline, strings are shared immutable
// buffers, and lists, dicts, callables and objects are shared by reference
// like Python's objects (so `{% do items.append(x) %}` is seen by every holder).
// Values made for one render are not synchronized; values installed as
// environment globals must not be mutated while renders run.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mrun::jinja {

/// The most items a list the template language makes may hold: range(),
/// slice()'s slices, list repetition and append() stop there with an error
/// (Python's are bounded by memory only; here a template that runs away
/// must not take the machine's memory).
constexpr size_t kMaxListItems = 4u << 20;

class BigInt;
class Value;
class RenderState;  // per-render evaluator state (evaluator.h); opaque to natives

/// What a Value holds. Bool prints and compares as Python's bool.
enum class ValueKind : uint8_t { Undefined, None, Bool, Int, Float, String, List, Dict, Callable, Object };

/// Items of a list or tuple (tuples print as "(a, b)").
struct ListData {
  std::vector<Value> items;
  bool is_tuple = false;
  /// Attribute names of a named tuple (groupby's grouper/list), else empty.
  std::vector<std::string> field_names;
  /// Set for what range() made: prints as Python's range, "range(0, 10)".
  struct Range {
    int64_t start, stop, step;
  };
  std::optional<Range> range;
};

/// A dict that keeps insertion order, as Python's dict does.
struct DictData {
  std::vector<std::pair<Value, Value>> items;
  /// The value stored under `key`, or nullptr when absent.
  const Value* find(const Value& key) const;
  /// The value stored under the string `key`, or nullptr when absent.
  const Value* find(std::string_view key) const;
  const Value* find(const char* key) const { return find(std::string_view(key)); }
  /// Inserts or replaces `key`, keeping the first insertion position.
  void set(Value key, Value value);
  /// Removes `key`; returns whether it was present.
  bool erase(const Value& key);
};

/// Arguments of a call: positional, then keyword (in call order).
struct CallArgs {
  std::vector<Value> positional;
  std::vector<std::pair<std::string, Value>> keyword;
  /// The render in progress, or nullptr when called from C++ outside a render.
  RenderState* state = nullptr;

  /// The keyword argument `name`, or nullptr.
  const Value* kwarg(std::string_view name) const;
  /// Positional `index` if given, else keyword `name`, else `fallback`.
  /// Does not check for unexpected extra arguments (see check_max).
  Value get(size_t index, std::string_view name, const Value& fallback) const;
  /// Throws a "takes at most N arguments" error for `what` when more are given
  /// or an unknown keyword (not in `names`) is used.
  void check(std::string_view what, std::initializer_list<std::string_view> names) const;
};

/// A C++ function callable from templates. Throw any std::exception to fail;
/// the evaluator adds the template location to the message.
using NativeFunction = std::function<Value(CallArgs&)>;

/// Something callable: native functions, macros, bound methods.
class Callable {
 public:
  virtual ~Callable() = default;
  /// Calls with `args`; throws on failure.
  virtual Value call(CallArgs& args) const = 0;
  /// The name used in error messages and when printed.
  virtual std::string name() const = 0;
  /// Whether this is a template macro (prints as "<Macro 'name'>").
  virtual bool is_macro() const { return false; }
  /// The attribute `name` (a macro's `arguments`, `caller`, ...), or an
  /// Undefined value when it has none.
  virtual Value attribute(std::string_view name) const;
};

/// An object with attributes (e.g. dbt's `this`, `adapter`, a namespace).
class Object {
 public:
  virtual ~Object() = default;
  /// The attribute `name`, or an Undefined value when it has none.
  virtual Value attribute(std::string_view name) const;
  /// Sets attribute `name`; returns false when the object is read-only.
  virtual bool set_attribute(std::string_view name, Value value);
  /// What str() of the object gives (what `{{ obj }}` prints).
  virtual std::string str() const;
  /// The item `key` for obj[key]; by default the attribute named key.
  virtual Value item(const Value& key) const;
  /// Calls the object (a recursive loop's `loop(items)`); by default an error.
  virtual Value call(CallArgs& args);
  /// The items a `for` loop over the object visits; by default an error.
  virtual std::vector<Value> iterate();
  /// What `|length` gives, or nullopt when the object has no len() (the default).
  virtual std::optional<int64_t> length() const;
  /// Whether the object passes `is mapping` (a dict-like object, e.g. dbt's
  /// Relation, which dbt_utils tests so); by default false.
  virtual bool is_mapping() const;
  /// `==` with another object; by default identity.
  virtual bool equals(const Object& other) const;
  /// Python's bool() of the object; by default true.
  virtual bool truthy() const;
  /// Whether the object passes `is iterable`; by default false.
  virtual bool is_iterable() const;
};

/// `d` truncated toward zero, saturated to int64's range (NaN gives 0):
/// a plain cast of an out-of-range double is undefined behaviour.
inline int64_t float_to_int(double d) {
  if (!(d == d)) return 0;
  if (d >= 9223372036854775807.0) return INT64_MAX;
  if (d <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(d);
}

class Value {
 public:
  /// An undefined value (what a missing variable evaluates to).
  Value() = default;
  Value(bool b) : kind_(ValueKind::Bool) { u_.b = b; }
  Value(int i) : kind_(ValueKind::Int) { u_.i = i; }
  Value(int64_t i) : kind_(ValueKind::Int) { u_.i = i; }
  Value(double d) : kind_(ValueKind::Float) { u_.d = d; }
  Value(std::string s);
  Value(std::string_view s) : Value(std::string(s)) {}
  Value(const char* s) : Value(std::string(s)) {}

  /// An integer of any size: an Int, holding a BigInt past int64's range.
  static Value integer(const BigInt& i);
  /// Python's None.
  static Value none();
  /// An undefined value that remembers the missing name (for error messages).
  static Value undefined(std::string hint);
  /// A string marked safe (Jinja2's Markup): `escape` leaves it alone.
  static Value safe_string(std::string s);
  /// A new list (mutable, shared by reference).
  static Value list(std::vector<Value> items = {});
  /// A new tuple.
  static Value tuple(std::vector<Value> items);
  /// A new, empty dict (insertion ordered).
  static Value dict();
  /// A new dict with `items` (later duplicates replace earlier values).
  static Value dict(std::vector<std::pair<Value, Value>> items);
  /// A native function value named `name`.
  static Value function(std::string name, NativeFunction fn);
  /// Wraps any Callable.
  static Value callable(std::shared_ptr<const Callable> c);
  /// Wraps any Object.
  static Value object(std::shared_ptr<Object> o);

  ValueKind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == ValueKind::Undefined; }
  bool is_none() const { return kind_ == ValueKind::None; }
  bool is_bool() const { return kind_ == ValueKind::Bool; }
  bool is_int() const { return kind_ == ValueKind::Int; }
  bool is_float() const { return kind_ == ValueKind::Float; }
  /// An Int past int64's range (as_int() saturates; see as_bigint()).
  bool is_big() const { return kind_ == ValueKind::Int && ptr_; }
  /// The exact value of an Int or Bool.
  BigInt as_bigint() const;
  /// Int, Float or Bool (Python's numbers).
  bool is_number() const { return kind_ == ValueKind::Int || kind_ == ValueKind::Float || kind_ == ValueKind::Bool; }
  bool is_string() const { return kind_ == ValueKind::String; }
  bool is_list() const { return kind_ == ValueKind::List; }
  bool is_tuple() const { return kind_ == ValueKind::List && list_data().is_tuple; }
  bool is_dict() const { return kind_ == ValueKind::Dict; }
  bool is_callable() const { return kind_ == ValueKind::Callable; }
  bool is_object() const { return kind_ == ValueKind::Object; }
  /// Whether a string is marked safe (Markup).
  bool is_safe() const { return safe_; }

  /// Python truthiness: false for undefined, None, False, 0, 0.0, '', [], {}.
  bool truthy() const;
  /// The bool value (only when is_bool()).
  bool as_bool() const { return u_.b; }
  /// The integer value of an Int or Bool (undefined for other kinds).
  int64_t as_int() const { return kind_ == ValueKind::Float ? float_to_int(u_.d) : kind_ == ValueKind::Bool ? u_.b : u_.i; }
  /// The numeric value of an Int, Float or Bool as double.
  double as_double() const {
    return kind_ == ValueKind::Float ? u_.d : kind_ == ValueKind::Bool ? u_.b : ptr_ ? big_double() : static_cast<double>(u_.i);
  }
  /// The text of a String (empty string for other kinds).
  const std::string& as_string() const;
  /// The items of a List (only when is_list()).
  const ListData& list_data() const { return *static_cast<const ListData*>(ptr_.get()); }
  ListData& list_data() { return *static_cast<ListData*>(ptr_.get()); }
  /// The items of a Dict (only when is_dict()).
  const DictData& dict_data() const { return *static_cast<const DictData*>(ptr_.get()); }
  DictData& dict_data() { return *static_cast<DictData*>(ptr_.get()); }
  /// The callable (only when is_callable()).
  const Callable& as_callable() const { return *static_cast<const Callable*>(ptr_.get()); }
  /// The object (only when is_object()).
  Object& as_object() const { return *static_cast<Object*>(ptr_.get()); }
  /// The object pointer, for dynamic_cast by owners of Object subclasses.
  std::shared_ptr<Object> object_ptr() const;
  /// The name remembered by an undefined value ("" when none).
  std::string undefined_hint() const;

  /// Python's str(): what `{{ v }}` prints ('' for undefined).
  std::string str() const;
  /// Appends str() to `out` (faster than str() for output).
  void append_str(std::string& out) const;
  /// Python's repr(): how the value prints inside a list or dict.
  std::string repr() const;
  /// Attribute lookup `v.name` for dicts (key) and objects; Undefined when
  /// missing. Methods (`'a'.upper`) are resolved by the evaluator, not here.
  Value attribute(std::string_view name) const;
  /// Python equality (1 == 1.0 == True; lists and dicts by content).
  bool equals(const Value& other) const;
  /// Calls a Callable value; throws when the value is not callable.
  Value call(CallArgs& args) const;
  /// Identity (Python `is`): the same shared object (equal string
  /// constants of one template are one: jinja/parser.cpp), or equal values
  /// of which CPython keeps a single object (cpython_singleton).
  bool same_as(const Value& other) const;
  /// Whether CPython keeps one object for every value equal to this one, so
  /// that `is` holds for any two of them however they were made: none, the
  /// booleans, ints from -5 to 256, '' and strings of one character below
  /// U+0100. (Undefined counts as one too.)
  bool cpython_singleton() const;

 private:
  double big_double() const;

  ValueKind kind_ = ValueKind::Undefined;
  bool safe_ = false;
  union {
    bool b;
    int64_t i;
    double d;
  } u_{};
  std::shared_ptr<void> ptr_;
};

/// A ready-made Object: fixed attributes plus the text it prints as.
/// Example: dbt's `this` = RecordObject({{"schema",..},{"name",..}}, "\"s\".\"n\"").
class RecordObject : public Object {
 public:
  RecordObject(std::vector<std::pair<std::string, Value>> attributes, std::string display);
  Value attribute(std::string_view name) const override;
  bool set_attribute(std::string_view name, Value value) override;
  std::string str() const override;

 private:
  std::vector<std::pair<std::string, Value>> attributes_;
  std::string display_;
};

/// Python's repr() of a float ("0.5", "3.0", "1e+16", "inf").
std::string float_repr(double d);
/// Python's repr() of a string ('it''s' style quoting and escapes).
std::string string_repr(std::string_view s);

}  // namespace mrun::jinja
