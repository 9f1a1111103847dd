// A database error in a node's SQL pointed back at the node's template.
// PostgreSQL says which line of the statement it failed on ("LINE 6:" and
// a caret under the spot); the statement wraps the node's compiled SQL
// (create table ... as (...)), and the compiled SQL's lines came from
// template lines (parse::compile_node's source lines). The error then reads
// "models/x.sql:5: ERROR: ..." with the compiled line and the caret.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mrun::exec {

/// What ran: the node's compiled SQL and the template line of each of its lines.
struct ExecutedSql {
  std::string path;               ///< the node's template, project-relative ("models/x.sql")
  std::string sql;                ///< the compiled SQL that ran
  std::vector<int> source_lines;  ///< template line per SQL line (0: unknown)
};

/// `message` (a database error for `statement`, which contains
/// `executed.sql`) with the template's file:line in front and PostgreSQL's
/// statement line replaced by the compiled line it is. `message` unchanged
/// when it names no line, or the line is outside the compiled SQL.
std::string locate_sql_error(const std::string& message, std::string_view statement, const ExecutedSql& executed);

}  // namespace mrun::exec
