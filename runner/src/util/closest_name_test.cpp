#include "util/closest_name.h"

#include <catch2/catch.hpp>

using mrun::closest_name;
using mrun::edit_distance;

TEST_CASE("edit_distance counts insertions, deletions and substitutions") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("build", "build") == 0);
  CHECK(edit_distance("biuld", "build") == 2);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest_name suggests a likely typo and nothing for a far word") {
  std::vector<std::string> commands{"build", "run", "test", "seed", "compile", "ls", "show", "load"};
  CHECK(closest_name("biuld", commands) == "build");
  CHECK(closest_name("tset", commands) == "test");
  CHECK(closest_name("complie", commands) == "compile");
  CHECK(closest_name("frobnicate", commands) == "");
  CHECK(closest_name("x", commands) == "");
}
