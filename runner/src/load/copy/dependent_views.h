// The views a load keeps across the replacement of a raw table.
//
// The swap (load_sql.h) drops the old table with CASCADE, which drops every
// view and materialized view built over it, directly or through other views
// (the staging models are views over raw tables). So that a reload leaves
// them working, the load captures them from the catalog before the drop and
// recreates them after the swap, in the same transaction: readers see the old
// table and views until the commit, then the new table and the recreated
// views, never a moment without them.
//
// A view is recreated from pg_get_viewdef with its reloptions
// (security_barrier, check_option, ...), comments on it and its columns, its
// owner and its privileges (table and column GRANTs, all recorded as granted
// by the owner), plus the indexes, triggers and rules defined on it. A
// materialized view is recreated WITH DATA: it is refreshed against the new
// rows inside the swap transaction, which makes the swap take as long as its
// query. The new objects have new oids; default privileges of the loading
// role apply to them as to any object it creates.
//
// A view that can no longer be created over the new table (the new file lacks
// a column it used) does not fail the load: its recreation runs under a
// savepoint, is rolled back with the views that read it, and becomes a
// warning of the load. Other objects CASCADE drops (rules on tables, foreign
// keys, functions over the table's row type) are not kept.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "load/copy/pg_copy.h"

namespace mrun::load {

/// One privilege on a view, as aclexplode reports it.
struct ViewPrivilege {
  std::string grantee;    ///< role name; empty for PUBLIC
  std::string privilege;  ///< SELECT, INSERT, ...
  std::string column;     ///< the column of a column privilege; empty for the whole view
  bool grantable = false; ///< WITH GRANT OPTION
};

/// A comment on one column of a view.
struct ColumnComment {
  std::string column;   ///< column name
  std::string comment;  ///< its comment
};

/// The comments, owner and privileges of a relation, as captured.
struct CommentsAndGrants {
  bool has_comment = false;          ///< the relation has a comment
  std::string comment;               ///< the comment on the relation
  std::vector<ColumnComment> column_comments;  ///< comments on its columns
  std::string owner;                 ///< owning role
  bool has_acl = false;              ///< privileges were granted or revoked (relacl not NULL)
  std::vector<ViewPrivilege> privileges;  ///< every privilege, the owner's included
};

/// A view or materialized view over a raw table, as captured before the
/// drop: what it takes to recreate it.
struct DependentView {
  uint32_t oid = 0;                  ///< oid before the drop (names it within one capture)
  std::string schema;                ///< its schema
  std::string name;                  ///< its name
  bool materialized = false;         ///< a materialized view
  std::string definition;            ///< its query (pg_get_viewdef, without the final ';')
  std::vector<std::string> options;  ///< reloptions as "name=value"
  std::string tablespace;            ///< of a materialized view; empty for the default
  CommentsAndGrants access;          ///< its comments, owner and privileges
  std::vector<std::string> attached; ///< CREATE statements of its indexes, triggers and rules
  std::vector<uint32_t> reads;       ///< oids of the captured views it reads (recreated before it)
};

/// The views and materialized views that read `schema`.`table` (or a child
/// table of it), directly or through other views, in an order where every
/// view comes after the views it reads; empty when there are none or the
/// table does not exist. Run it in the swap transaction before the drop.
/// When there are some, it first takes a transaction-level advisory lock
/// held by every swap with dependent views and an ACCESS EXCLUSIVE lock on
/// the table: two loads whose tables share a view (a join of two raw tables)
/// then swap one after the other instead of deadlocking on each other's
/// tables and views. Throws RunError.
std::vector<DependentView> capture_dependent_views(PgConnection& connection, const std::string& schema,
                                                   const std::string& table);

/// The same for several tables at once (quoted, qualified names; those that
/// do not exist are left out): every view over any of them, once, in an
/// order where every view comes after the views it reads.
std::vector<DependentView> capture_dependent_views(PgConnection& connection, const std::vector<std::string>& tables);

/// `relations` (quoted, qualified names) as a SQL subquery of their regclass
/// (NULL for those that do not exist), for `c.oid in (...)`.
std::string regclass_set_sql(const std::vector<std::string>& relations);

/// Those of `relations` that exist, as a list of quoted names for LOCK TABLE
/// or DROP; "" when none does.
std::string existing_relations(PgConnection& connection, const std::vector<std::string>& relations);

/// The fields of a JSON object that describe the comments, owner and
/// privileges of the relation `pg_class c` (for json_build_object).
std::string comments_and_grants_json_sql();

/// Those fields, read back.
CommentsAndGrants comments_and_grants_of(const nlohmann::json& object);

/// COMMENT ON statements that put `access`'s comments on `kind` ("VIEW ",
/// "TABLE ") `name` (quoted, qualified).
std::string comments_sql(const std::string& kind, const std::string& name, const CommentsAndGrants& access);

/// GRANT statements that give what `access` lists on `name`.
std::string grants_sql(const std::string& name, const CommentsAndGrants& access);

/// The statements that create `view` again (with options, owner, comments,
/// privileges and attached objects).
std::string recreate_view_sql(const DependentView& view);

/// Recreates `views` (captured by capture_dependent_views) in order, in the
/// current transaction, each under a savepoint. Returns one warning per view
/// that could not be recreated, naming it, `table` and the reason, e.g.
/// "view staging.stg_x over raw.y could not be recreated: column "z" does not
/// exist; `mrun run` rebuilds it if it is a model". Throws RunError when the
/// transaction itself fails.
std::vector<std::string> recreate_dependent_views(PgConnection& connection, const std::vector<DependentView>& views,
                                                  const std::string& table);

}  // namespace mrun::load
