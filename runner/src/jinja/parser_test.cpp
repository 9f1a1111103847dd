#include "jinja/parser.h"

#include <catch2/catch.hpp>

#include "jinja/template_error.h"

using namespace mrun::jinja;

namespace {
std::string parse_error(const std::string& src) {
  try {
    parse_template(src, "models/x.sql", EnvironmentOptions{});
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("parser builds statements and expressions", "[jinja][parser]") {
  auto body = parse_template("a{% for x in y %}{{ x|upper }}{% endfor %}", "t", EnvironmentOptions{});
  REQUIRE(body->body.size() == 2);
  CHECK(body->body[0]->kind == ast::StmtKind::Text);
  REQUIRE(body->body[1]->kind == ast::StmtKind::For);
  const auto& loop = static_cast<const ast::ForStmt&>(*body->body[1]);
  REQUIRE(loop.body.size() == 1);
  const auto& print = static_cast<const ast::ExprStmt&>(*loop.body[0]);
  CHECK(print.expr->kind == ast::ExprKind::Filter);
}

TEST_CASE("mismatched end tags name what was expected, with a caret", "[jinja][parser]") {
  std::string err = parse_error("{% if a %}\n{% for x in y %}\n  {% endif %}");
  CHECK(err.find("models/x.sql:3:6: unexpected 'endif', expected 'endfor'") == 0);
  CHECK(err.find("\n    {% endif %}\n       ^") != std::string::npos);
  CHECK(parse_error("{% if a %}").find("unexpected end of template, expected 'endif'") != std::string::npos);
  CHECK(parse_error("{% endfor %}").find("unknown tag 'endfor'") != std::string::npos);
  CHECK(parse_error("{{ x|nosuchfilter }}").find("No filter named 'nosuchfilter'") != std::string::npos);
  CHECK(parse_error("{% break %}").find("outside of a loop") != std::string::npos);
}

TEST_CASE("deep nesting is rejected instead of overflowing the stack", "[jinja][parser]") {
  std::string deep = "{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}";
  CHECK(parse_error(deep).find("nesting too deep") != std::string::npos);
  std::string blocks;
  for (int i = 0; i < 3000; ++i) blocks += "{% if 1 %}";
  CHECK_FALSE(parse_error(blocks).empty());
}

TEST_CASE("dbt blocks: test defines test_<name>, docs are recorded", "[jinja][parser]") {
  EnvironmentOptions options;
  options.dbt_blocks = true;
  auto body = parse_template("{% test not_null(model, column_name) %}x{% endtest %}{% docs intro %}Some *text*{% enddocs %}",
                             "t", options);
  REQUIRE(body->body.size() == 1);
  CHECK(static_cast<const ast::MacroStmt&>(*body->body[0]).def.name == "test_not_null");
  REQUIRE(body->docs.size() == 1);
  CHECK(body->docs[0].name == "intro");
  CHECK(body->docs[0].text == "Some *text*");
  CHECK_THROWS_AS(parse_template("{% test x() %}{% endtest %}", "t", EnvironmentOptions{}), TemplateError);
}
