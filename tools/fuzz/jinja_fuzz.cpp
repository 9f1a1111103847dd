// libFuzzer target over the whole template pipeline: lexer, parser and
// evaluator. Any input must end in output or a TemplateError: no crash,
// sanitizer report, hang or unbounded recursion. Run by tools/fuzz/run_jinja_fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>

#include "jinja/environment.h"

using namespace mrun::jinja;

namespace {

Environment& environment() {
  static Environment* env = [] {
    EnvironmentOptions options;
    options.dbt_blocks = true;
    options.dbt_return = true;
    options.max_steps = 200000;
    auto* e = new Environment(options);
    e->set_loader(std::make_shared<MapLoader>(std::map<std::string, std::string>{
        {"a", "{% macro m(x) %}[{{ x }}]{% endmacro %}{{ v }}"},
        {"self", "{% include 'self' %}"},
        {"b", "{% import 'a' as a %}{{ a.m(1) }}"}}));
    e->add_function("native", [](CallArgs& a) -> Value {
      if (!a.positional.empty() && a.positional[0].is_string()) throw std::runtime_error("native failure");
      return Value::list(a.positional);
    });
    return e;
  }();
  return *env;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  std::string source(reinterpret_cast<const char*>(data), size);
  Context ctx{{"v", Value(1)},
              {"s", Value("text")},
              {"l", Value::list({Value(1), Value("a"), Value::none()})},
              {"d", Value::dict({{Value("k"), Value(2.5)}})}};
  try {
    Environment& env = environment();
    TemplatePtr t = env.parse(source, "fuzz");
    std::string out = env.render(*t, ctx);
    (void)env.load_module(*t, ctx);
  } catch (const TemplateError&) {
  }
  return 0;
}
