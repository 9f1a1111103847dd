#include "jinja/globals.h"

#include "jinja/lorem_ipsum.h"
#include "jinja/operators.h"
#include "jinja/template_error.h"

namespace mrun::jinja {

namespace {

/// `namespace(a=1)`: an object whose attributes `{% set ns.a = 2 %}` may change.
class NamespaceObject : public Object {
 public:
  Value attrs = Value::dict();
  Value attribute(std::string_view name) const override {
    const Value* v = attrs.dict_data().find(name);
    return v ? *v : Value::undefined("'Namespace' object has no attribute '" + std::string(name) + "'");
  }
  bool set_attribute(std::string_view name, Value value) override {
    attrs.dict_data().set(Value(std::string(name)), std::move(value));
    return true;
  }
  std::string str() const override { return "<Namespace " + attrs.repr() + ">"; }
};

/// `cycler(a, b)`: next() returns items in turn; current is the next one.
class CyclerObject : public Object {
 public:
  std::vector<Value> items;
  size_t pos = 0;
  Value attribute(std::string_view name) const override {
    auto* self = const_cast<CyclerObject*>(this);
    if (name == "current") return items[pos];
    if (name == "next")
      return Value::function("next", [self](CallArgs&) {
        Value v = self->items[self->pos];
        self->pos = (self->pos + 1) % self->items.size();
        return v;
      });
    if (name == "reset")
      return Value::function("reset", [self](CallArgs&) {
        self->pos = 0;
        return Value::none();
      });
    return Value::undefined("'Cycler' object has no attribute '" + std::string(name) + "'");
  }
  std::string str() const override { return "<jinja2.utils.Cycler object>"; }
};

Value range_fn(CallArgs& a) {
  if (!a.keyword.empty()) throw EvalError("range() takes no keyword arguments");
  for (const auto& v : a.positional)
    if (!v.is_int() && !v.is_bool()) throw EvalError("'" + type_name(v) + "' object cannot be interpreted as an integer");
  int64_t start = 0, stop = 0, step = 1;
  if (a.positional.size() == 1) stop = a.positional[0].as_int();
  else if (a.positional.size() == 2 || a.positional.size() == 3) {
    start = a.positional[0].as_int();
    stop = a.positional[1].as_int();
    if (a.positional.size() == 3) step = a.positional[2].as_int();
  } else {
    throw EvalError("range expected 1 to 3 arguments, got " + std::to_string(a.positional.size()));
  }
  if (step == 0) throw EvalError("range() arg 3 must not be zero");
  // Python's range is lazy; this one is a list, so its size is bounded by memory.
  __int128 count = step > 0 ? (static_cast<__int128>(stop) - start + step - 1) / step
                            : (static_cast<__int128>(start) - stop - step - 1) / -step;
  if (count > static_cast<__int128>(kMaxListItems))
    throw EvalError("range() of more than " + std::to_string(kMaxListItems) + " items");
  std::vector<Value> out;
  out.reserve(count > 0 ? static_cast<size_t>(count) : 0);
  for (int64_t k = 0; k < static_cast<int64_t>(count); ++k) out.emplace_back(start + k * step);
  Value list = Value::list(std::move(out));
  list.list_data().range = ListData::Range{start, stop, step};
  return list;
}

}  // namespace

void add_builtin_globals(std::unordered_map<std::string, Value>& globals) {
  globals["range"] = Value::function("range", range_fn);
  globals["dict"] = Value::function("dict", [](CallArgs& a) {
    Value d = Value::dict();
    if (a.positional.size() > 1) throw EvalError("dict expected at most 1 argument");
    if (!a.positional.empty()) {
      const Value& src = a.positional[0];
      if (src.is_dict()) d = Value::dict(src.dict_data().items);
      else
        for (const auto& item : iterate(src, true)) {
          auto pair = iterate(item, true);
          if (pair.size() != 2) throw EvalError("dictionary update sequence element has wrong length");
          check_hashable(pair[0]);
          d.dict_data().set(pair[0], pair[1]);
        }
    }
    for (const auto& [k, v] : a.keyword) d.dict_data().set(Value(k), v);
    return d;
  });
  globals["namespace"] = Value::function("namespace", [](CallArgs& a) {
    auto ns = std::make_shared<NamespaceObject>();
    if (a.positional.size() > 1) throw EvalError("namespace expected at most 1 argument");
    if (!a.positional.empty()) {
      if (!a.positional[0].is_dict()) throw EvalError("namespace argument must be a mapping");
      for (const auto& [k, v] : a.positional[0].dict_data().items) ns->attrs.dict_data().set(k, v);
    }
    for (const auto& [k, v] : a.keyword) ns->attrs.dict_data().set(Value(k), v);
    return Value::object(ns);
  });
  globals["cycler"] = Value::function("cycler", [](CallArgs& a) {
    if (a.positional.empty()) throw EvalError("at least one item has to be provided");
    auto c = std::make_shared<CyclerObject>();
    c->items = a.positional;
    return Value::object(c);
  });
  globals["lipsum"] = Value::function("lipsum", [](CallArgs& a) { return lorem_ipsum(a); });
  globals["joiner"] = Value::function("joiner", [](CallArgs& a) {
    std::string sep = a.get(0, "sep", Value(", ")).str();
    auto used = std::make_shared<bool>(false);
    return Value::function("joiner", [sep, used](CallArgs&) {
      if (!*used) {
        *used = true;
        return Value("");
      }
      return Value(sep);
    });
  });
}

}  // namespace mrun::jinja
