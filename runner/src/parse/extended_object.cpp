#include "parse/extended_object.h"

#include <memory>

namespace mrun::parse {

namespace {

class ExtendedObject : public jinja::Object {
 public:
  ExtendedObject(jinja::Value base, std::vector<std::pair<std::string, jinja::Value>> additions)
      : base_(std::move(base)), additions_(std::move(additions)) {}

  jinja::Value attribute(std::string_view name) const override {
    for (const auto& [key, value] : additions_)
      if (key == name) return value;
    if (base_.is_object() || base_.is_dict()) return base_.attribute(name);
    return jinja::Value::undefined(std::string(name));
  }
  std::string str() const override { return base_.is_undefined() ? "<object>" : base_.str(); }

 private:
  jinja::Value base_;
  std::vector<std::pair<std::string, jinja::Value>> additions_;
};

}  // namespace

jinja::Value extend_object(jinja::Value base, std::vector<std::pair<std::string, jinja::Value>> additions) {
  return jinja::Value::object(std::make_shared<ExtendedObject>(std::move(base), std::move(additions)));
}

void extend_global(jinja::Environment& env, const std::string& name,
                   std::vector<std::pair<std::string, jinja::Value>> additions) {
  const jinja::Value* existing = env.global(name);
  env.add_global(name, extend_object(existing ? *existing : jinja::Value(), std::move(additions)));
}

}  // namespace mrun::parse
