// parse_yaml must build the tree YAML::Load builds: compared node by node
// (type, tag, scalar, style, entry order, marks) on edge cases and on every
// YAML file of the repository.
#include "project/yaml_parse.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "test_database.h"
#include "util/error.h"
#include "util/strings.h"

namespace {

using mrun::project::parse_yaml;

// Describes the first difference between two trees, or "" when equal.
std::string difference(const YAML::Node& expected, const YAML::Node& actual, const std::string& path) {
  auto at = [&](const std::string& what) { return path + ": " + what; };
  if (expected.Type() != actual.Type()) {
    return at("type " + std::to_string(expected.Type()) + " vs " + std::to_string(actual.Type()));
  }
  if (expected.Tag() != actual.Tag()) return at("tag '" + expected.Tag() + "' vs '" + actual.Tag() + "'");
  // yaml-cpp places an empty value at the next token; libyaml where it is.
  if (!expected.IsNull() && (expected.Mark().line != actual.Mark().line ||
                             expected.Mark().column != actual.Mark().column)) {
    return at("mark " + std::to_string(expected.Mark().line) + ":" + std::to_string(expected.Mark().column) +
              " vs " + std::to_string(actual.Mark().line) + ":" + std::to_string(actual.Mark().column));
  }
  if (expected.IsScalar() && expected.Scalar() != actual.Scalar()) {
    return at("scalar '" + expected.Scalar() + "' vs '" + actual.Scalar() + "'");
  }
  if (expected.IsMap() || expected.IsSequence()) {
    if (expected.Style() != actual.Style()) return at("style");
    if (expected.size() != actual.size()) return at("size");
    auto e = expected.begin();
    auto a = actual.begin();
    for (size_t i = 0; e != expected.end(); ++e, ++a, ++i) {
      std::string d = expected.IsMap() ? difference(e->first, a->first, path + "/key" + std::to_string(i)) +
                                             difference(e->second, a->second, path + "/" + e->first.as<std::string>(""))
                                       : difference(*e, *a, path + "/" + std::to_string(i));
      if (!d.empty()) return d;
    }
  }
  return "";
}

void check_same_as_yaml_cpp(const std::string& text, const std::string& origin) {
  INFO(origin << ":\n" << text);
  CHECK(difference(YAML::Load(text), parse_yaml(text, origin), "") == "");
}

}  // namespace

TEST_CASE("parse_yaml builds the tree YAML::Load builds") {
  const char* cases[] = {
      "",
      "a: 1\nb: 'x'\nc: !!str 5\nd: ~\nf: [1, \"2\", null]\n",
      "g: &x {h: 1}\ni: *x\nj: |\n  lit\n  two\nk: !custom v\n'': NULL\n",
      "- one\n- - nested\n  - [flow, 'seq']\n- {a: b, c: [d]}\n",
      "models:\n  - name: m\n    description: >\n      folded\n      text\n    columns:\n      - name: id\n"
      "        tests: [unique, not_null, {accepted_values: {values: ['a', \"b\", 3]}}]\n",
      "text: \"escapes \\n \\t \\\" \\u00e9\"\nsingle: 'it''s'\nunicode: Zoë\nnumber: 1e3\nbool: yes\n",
      "key with spaces: value\n",
      "scalar at root",
      "--- first\n--- second\n",
      "? complex key\n: value\n",
      "a: null\nb: Null\nc: ~\nd: 'null'\ne: \"\"\n",
      "nested:\n  deeper:\n    deepest: [1, 2, {x: y}]\n  sibling: true\n",
  };
  for (const char* text : cases) check_same_as_yaml_cpp(text, "case");
}

TEST_CASE("parse_yaml agrees with YAML::Load on every YAML file of the repository") {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* dir : {"models", "runner/tests", "deploy", "seeds"}) {
    fs::path root = fs::path(mrun::test::source_dir()) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      auto ext = entry.path().extension();
      // (compiled-SQL snapshots hold folders named after schema files, as dbt writes them)
      if ((ext != ".yml" && ext != ".yaml") || !entry.is_regular_file()) continue;
      std::string text = mrun::read_file(entry.path().string());
      try {
        YAML::Load(text);
      } catch (const YAML::Exception&) {
        continue;  // deliberately malformed fixtures
      }
      check_same_as_yaml_cpp(text, entry.path().string());
      ++files;
    }
  }
  for (const char* file : {"project.yml", "profiles.yml"}) {
    check_same_as_yaml_cpp(mrun::read_file(mrun::test::source_dir() + "/" + file), file);
    ++files;
  }
  CHECK(files >= 8);
}

TEST_CASE("parse_yaml names file, line and column of a syntax error") {
  try {
    parse_yaml("name: x\nmodels:\n  x: [unclosed\n", "project.yml");
    FAIL("no error");
  } catch (const mrun::ConfigError& e) {
    CHECK(std::string(e.what()).rfind("project.yml:4:1: ", 0) == 0);
  }
  CHECK_THROWS_WITH(parse_yaml("a: *missing\n", "f.yml"), Catch::Contains("f.yml:1:4: unknown anchor 'missing'"));
  // yaml-cpp accepted this; libyaml (and so PyYAML, which dbt uses) does not.
  CHECK_THROWS_WITH(parse_yaml("a: b: c\n", "f.yml"), Catch::StartsWith("f.yml:1:5: mapping values are not allowed"));
}

TEST_CASE("parse_yaml refuses a key given twice in one mapping, naming both places") {
  // In a block mapping (a duplicated +materialized turned tables into views).
  CHECK_THROWS_WITH(parse_yaml("models:\n  movies:\n    +materialized: table\n    +materialized: view\n", "project.yml"),
                    Catch::StartsWith("project.yml:4:5: duplicate key '+materialized' (first at line 3, column 5)"));
  // In a flow mapping, quoted or not, and with null keys.
  CHECK_THROWS_WITH(parse_yaml("meta: {a: 1, a: 2}\n", "sources.yml"),
                    Catch::StartsWith("sources.yml:1:14: duplicate key 'a' (first at line 1, column 8)"));
  CHECK_THROWS_WITH(parse_yaml("a: 1\n'a': 2\n", "f.yml"), Catch::StartsWith("f.yml:2:1: duplicate key 'a'"));
  CHECK_THROWS_WITH(parse_yaml("~: 1\nnull: 2\n", "f.yml"), Catch::StartsWith("f.yml:2:1: duplicate key 'null'"));
  // Past the size where the key set builds an index.
  std::string many;
  for (int i = 0; i < 100; ++i) many += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  CHECK_NOTHROW(parse_yaml(many, "f.yml"));
  CHECK_THROWS_WITH(parse_yaml(many + "k7: again\n", "f.yml"),
                    Catch::StartsWith("f.yml:101:1: duplicate key 'k7' (first at line 8, column 1)"));
  // The same key in different mappings, a null key beside an empty text, and
  // a merged anchor are not duplicates.
  CHECK_NOTHROW(parse_yaml("a: {x: 1}\nb: {x: 1}\nc: [{x: 1}, {x: 2}]\n", "f.yml"));
  CHECK_NOTHROW(parse_yaml("~: 1\n'': 2\n", "f.yml"));
  CHECK_NOTHROW(parse_yaml("base: &b {x: 1}\nuse: *b\nagain: *b\n", "f.yml"));
}
