// `mrun show`: the first rows of a node or of an inline query, as an
// aligned table (like dbt show), to look at results without psql.
#pragma once

#include <string>

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// What to show.
struct ShowRequest {
  std::string node;         ///< a model, seed or source table name ("" with inline_sql)
  std::string inline_sql;   ///< --inline: a template rendered with the project's context
  int limit = 10;           ///< rows to print
  /// --unpublished: a model's or seed's shadow that a `publish: atomic` run
  /// which did not publish left (parse/shadow_relations.h), not its relation.
  bool unpublished = false;
};

/// Prints the first rows of: the relation a model, seed or source table
/// builds or reads; an ephemeral model's compiled SQL (it has no relation);
/// or the inline query compiled as `mrun compile --inline` compiles it
/// (refs of ephemeral models become CTEs). Returns 0; throws ConfigError
/// for an unknown name, a test, or both or neither of node and inline_sql,
/// TemplateError for a template error, and the database's error for a
/// failing query.
int show_rows(ProjectSession& session, const CommonOptions& options, const ShowRequest& request);

}  // namespace mrun::task
