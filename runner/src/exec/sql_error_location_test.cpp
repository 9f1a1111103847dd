#include <catch2/catch.hpp>

#include "exec/sql_error_location.h"

using mrun::exec::ExecutedSql;
using mrun::exec::locate_sql_error;

namespace {
const ExecutedSql kExecuted{"models/bad.sql", "\n-- a comment\nselect\n  id,\n  nope_col\nfrom t", {1, 2, 3, 4, 5, 6}};
const std::string kStatement = "create table \"public\".\"bad\" as (\n" + kExecuted.sql + "\n)";
}  // namespace

TEST_CASE("sql error location: the statement's line becomes the template's and the compiled line") {
  std::string message = "ERROR:  column \"nope_col\" does not exist\nLINE 6:   nope_col\n          ^\n";
  CHECK(locate_sql_error(message, kStatement, kExecuted) ==
        "models/bad.sql:5: ERROR:  column \"nope_col\" does not exist\n"
        "compiled line 5:   nope_col\n"
        "                   ^\n");
}

TEST_CASE("sql error location: a line PostgreSQL cut short keeps no caret, an unknown template line no file") {
  ExecutedSql executed = kExecuted;
  executed.source_lines = {1, 2, 3, 4, 0, 6};
  std::string message = "ERROR:  syntax error\nLINE 6: ...ope_col\n           ^";
  CHECK(locate_sql_error(message, kStatement, executed) == "ERROR:  syntax error\ncompiled line 5:   nope_col");
}

TEST_CASE("sql error location: a message without a line, or a line outside the SQL, is left alone") {
  CHECK(locate_sql_error("ERROR:  division by zero", kStatement, kExecuted) == "ERROR:  division by zero");
  std::string first_line = "ERROR:  boom\nLINE 1: create table \"public\".\"bad\" as (\n        ^";
  CHECK(locate_sql_error(first_line, kStatement, kExecuted) == first_line);
}
