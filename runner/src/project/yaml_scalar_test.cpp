#include "project/yaml_scalar.h"

#include <catch2/catch.hpp>

using mrun::project::read_scalar;
using mrun::project::ScalarValue;

namespace {
ScalarValue of(const char* yaml) { return read_scalar(YAML::Load(yaml)); }
}  // namespace

TEST_CASE("plain scalars read as YAML 1.1 does, quoted ones stay text") {
  CHECK(std::holds_alternative<std::monostate>(of("~")));
  CHECK(std::get<bool>(of("yes")) == true);
  CHECK(std::get<bool>(of("Off")) == false);
  CHECK(std::get<int64_t>(of("-42")) == -42);
  CHECK(std::get<std::string>(of("007")) == "007");
  CHECK(std::get<double>(of("2.5e3")) == 2500.0);
  CHECK(std::get<std::string>(of("99999999999999999999")) == "99999999999999999999");
  CHECK(std::get<std::string>(of("'true'")) == "true");
  CHECK(std::get<std::string>(of("\"12\"")) == "12");
  CHECK(std::get<std::string>(of("ref('x')")) == "ref('x')");
}
