// The API the execution engine relies on: natives, objects, return(),
// modules and macros called from C++, loaders, strict mode, threads.
#include "jinja/environment.h"

#include <catch2/catch.hpp>
#include <thread>

using namespace mrun::jinja;

namespace {
std::string render(const Environment& env, const std::string& src, const Context& ctx = {}) {
  return env.render(*env.parse(src, "t.sql"), ctx);
}
}  // namespace

TEST_CASE("native functions receive positional and keyword arguments", "[jinja][env]") {
  Environment env;
  env.add_function("ref", [](CallArgs& a) { return Value("\"analytics\".\"" + a.positional.at(0).str() + "\""); });
  env.add_function("config", [](CallArgs& a) {
    std::string out;
    for (const auto& [k, v] : a.keyword) out += k + "=" + v.str() + ";";
    return Value(out);
  });
  env.add_function("var", [](CallArgs& a) { return a.get(1, "default", Value::none()); });
  CHECK(render(env, "select * from {{ ref('m') }}") == "select * from \"analytics\".\"m\"");
  CHECK(render(env, "{{ config(materialized='table', tags=['a']) }}") == "materialized=table;tags=['a'];");
  CHECK(render(env, "{{ var('x', 'dflt') }}") == "dflt");
}

TEST_CASE("native errors surface with the template location", "[jinja][env]") {
  Environment env;
  env.add_function("raise_compiler_error", [](CallArgs& a) -> Value { throw std::runtime_error(a.positional.at(0).str()); });
  try {
    render(env, "line1\n  {{ raise_compiler_error('bad model') }}");
    FAIL("no error");
  } catch (const TemplateError& e) {
    CHECK(e.location.file == "t.sql");
    CHECK(e.location.line == 2);
    CHECK(e.message == "bad model");
  }
}

TEST_CASE("objects with attributes and methods (this, adapter)", "[jinja][env]") {
  Environment env;
  auto adapter = std::make_shared<RecordObject>(
      std::vector<std::pair<std::string, Value>>{
          {"quote", Value::function("quote", [](CallArgs& a) { return Value("\"" + a.positional.at(0).str() + "\""); })}},
      "<adapter>");
  env.add_global("adapter", Value::object(adapter));
  Context ctx{{"this", Value::object(std::make_shared<RecordObject>(
                           std::vector<std::pair<std::string, Value>>{{"schema", Value("s")}, {"name", Value("n")}},
                           "\"s\".\"n\""))}};
  CHECK(render(env, "{{ this }} {{ this.schema }} {{ adapter.quote('c') }}", ctx) == "\"s\".\"n\" s \"c\"");
}

TEST_CASE("dbt return() makes the macro call evaluate to the value", "[jinja][env]") {
  EnvironmentOptions options;
  options.dbt_return = true;
  Environment env(options);
  CHECK(render(env, "{% macro m(x) %}ignored{{ return(x * 2) }}{% endmacro %}{{ m(21) }}") == "42");
  CHECK(render(env, "{% macro m() %}{% do return({'a': 1}) %}{% endmacro %}{{ m().a }}") == "1");
  CHECK_THROWS_AS(render(env, "{{ return(1) }}"), TemplateError);
}

TEST_CASE("load_module exports macros callable from C++ and from other templates", "[jinja][env]") {
  Environment env;
  auto lib = env.parse("{% macro cents(col, scale=2) %}({{ col }} / 100)::numeric(16, {{ scale }}){% endmacro %}{% set v = 3 %}",
                       "macros/cents.sql");
  TemplateModule module = env.load_module(*lib);
  REQUIRE(module.exports.size() == 2);
  Value macro = module.get("cents");
  REQUIRE(macro.is_callable());
  CallArgs args;
  args.positional.push_back(Value("amount"));
  args.keyword.emplace_back("scale", Value(4));
  CHECK(macro.call(args).str() == "(amount / 100)::numeric(16, 4)");
  env.add_global("cents", macro);
  CHECK(render(env, "{{ cents('x') }}") == "(x / 100)::numeric(16, 2)");
}

TEST_CASE("macros_see_render_context lets global macros read the model's context", "[jinja][env]") {
  EnvironmentOptions options;
  options.macros_see_render_context = true;
  Environment env(options);
  auto lib = env.parse("{% macro me() %}{{ this }}{% endmacro %}", "macros/me.sql");
  env.add_global("me", env.load_module(*lib).get("me"));
  CHECK(render(env, "{{ me() }}", {{"this", Value("model_a")}}) == "model_a");
}

TEST_CASE("Environment::call runs a macro from C++ with a render context", "[jinja][env]") {
  EnvironmentOptions options;
  options.macros_see_render_context = true;
  options.dbt_return = true;
  Environment env(options);
  auto lib = env.parse("{% macro q(x) %}{{ return(x ~ '@' ~ target) }}{% endmacro %}", "macros/q.sql");
  Value q = env.load_module(*lib).get("q");
  CallArgs args;
  args.positional.push_back(Value("a"));
  CHECK(env.call(q, args, {{"target", Value("dev")}}).str() == "a@dev");
}

TEST_CASE("loader resolves include and import, and missing templates fail", "[jinja][env]") {
  Environment env;
  env.set_loader(std::make_shared<MapLoader>(std::map<std::string, std::string>{
      {"part.sql", "[{{ x }}]"}, {"lib.sql", "{% macro f() %}F{% endmacro %}"}}));
  CHECK(render(env, "{% include 'part.sql' %}{% from 'lib.sql' import f %}{{ f() }}", {{"x", Value(1)}}) == "[1]F");
  CHECK_THROWS_AS(render(env, "{% include 'nope.sql' %}"), TemplateError);
  CHECK_THROWS_AS(env.get_template("nope.sql"), TemplateError);
}

TEST_CASE("strict undefined mode", "[jinja][env]") {
  EnvironmentOptions options;
  options.strict_undefined = true;
  Environment strict(options);
  Environment lenient;
  CHECK(render(lenient, "[{{ missing }}]") == "[]");
  CHECK_THROWS_AS(render(strict, "[{{ missing }}]"), TemplateError);
  CHECK(render(strict, "{{ missing is defined }}") == "False");
}

TEST_CASE("recursion is bounded", "[jinja][env]") {
  Environment env;
  CHECK_THROWS_AS(render(env, "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}"), TemplateError);
}

TEST_CASE("one parsed template renders concurrently in several threads", "[jinja][env]") {
  Environment env;
  auto t = env.parse("{% macro sq(n) %}{{ n * n }}{% endmacro %}{% for i in range(n) %}{{ sq(i) }},{% endfor %}", "t");
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (int k = 0; k < 8; ++k)
    threads.emplace_back([&, k] {
      for (int rep = 0; rep < 200; ++rep) results[k] = env.render(*t, {{"n", Value(k)}});
    });
  for (auto& th : threads) th.join();
  CHECK(results[0].empty());
  CHECK(results[3] == "0,1,4,");
  CHECK(results[7] == "0,1,4,9,16,25,36,");
}

TEST_CASE("macros do not keep their render alive (no reference cycle)", "[jinja][env]") {
  Environment env;
  auto t = env.parse("{% macro m() %}x{% endmacro %}{{ m() }}", "t");
  std::weak_ptr<const Template> watch = t;
  CHECK(env.render(*t) == "x");
  t.reset();
  CHECK(watch.expired());  // the template (held by its macros) was released
}

TEST_CASE("lists a template makes stop at kMaxListItems with an error, not the machine's memory", "[jinja][env]") {
  Environment env;
  std::string limit = std::to_string(kMaxListItems);
  CHECK(render(env, "{{ range(" + limit + ")|length }}") == limit);
  CHECK_THROWS_WITH(render(env, "{{ range(" + limit + " + 1)|length }}"), Catch::Contains("range() of more than"));
  CHECK(render(env, "{{ [1]|slice(3)|list }}") == "[[1], [], []]");
  CHECK_THROWS_WITH(render(env, "{{ [8]|slice(2 ** 40)|length }}"), Catch::Contains("slice() into more than"));
  CHECK(render(env, "{{ ([1, 2] * " + std::to_string(kMaxListItems / 2) + ")|length }}") == limit);
  CHECK_THROWS_WITH(render(env, "{{ ([1, 2] * " + std::to_string(kMaxListItems / 2 + 1) + ")|length }}"),
                    Catch::Contains("list too large"));
}
