// The SQL of one table's load: the new tables the COPY streams fill, the
// COPY statement, the _load_id column, the staged table that holds the new
// data until the load publishes, and the swap that puts it in place of the
// old table.
//
// A load with one stream fills a single new table. A load with several
// streams (a large file, several server backends at once) fills one child
// table per stream; staging creates an empty parent with the same columns
// and attaches the children with table inheritance, so
// `select ... from raw.<name>` reads every child once it is swapped in.
//
// Every file's staged table is committed on its own (so each COPY skips the
// WAL and writes frozen rows), under a temporary name with a comment that
// marks it staged. The loader swaps all of them in one transaction once every
// file loaded (loader.h), or drops them all. Children are named
// <name>__part<k> once swapped in; before that they carry a load-specific
// name, and every child carries a comment naming its parent. What a load
// that died leaves behind (staged tables, children no parent owns) is found
// by those comments and dropped: drop_staged_tables().
#pragma once

#include <string>
#include <vector>

#include "load/copy/pg_copy.h"
#include "load/table_spec.h"

namespace mrun::load {

/// The names of the new tables of one load of `spec` with `streams` COPY streams.
struct NewTables {
  const TableSpec& spec;  ///< the table being loaded
  std::string load_id;    ///< the load (its tail makes temporary names unique)
  int streams = 1;        ///< 1: one new table; more: one child table per stream

  /// Quoted, qualified name of the table COPY stream `k` (0-based) fills
  /// before the swap.
  std::string stream_table(int k) const;
  /// The statements that create stream `k`'s table, in the stream's own
  /// transaction (children also get their comment).
  std::string create_sql(int k) const;
  /// Quoted, qualified name of the table that replaces the old one: the
  /// single stream's table, or the parent of the children.
  std::string staged_table() const;
  /// Its name (in spec.schema), unquoted.
  std::string staged_identifier() const;
  /// The statements that make the staged table, in the main connection's
  /// transaction once every stream's table holds its rows and _load_id and
  /// the other streams committed: for several streams the parent, with the
  /// children attached; in every case the comment that marks it staged.
  std::string stage_sql() const;
  /// The statements that replace the old table (dropped with CASCADE: views
  /// over it and the children of an earlier split load go too) with the
  /// staged one, which loses its staged mark. Run in the load's publish
  /// transaction; the caller keeps the views: it captures them before and
  /// recreates them after, in that transaction (dependent_views.h). Fails
  /// when a name is taken.
  std::string swap_sql() const;
};

/// The comment that marks a child table of a split load of `spec`.
std::string child_comment(const TableSpec& spec);

/// Drops the child tables of split loads of `spec` that no parent owns (the
/// children other connections committed before this load of `spec`
/// failed). Runs outside a transaction. Throws RunError.
void drop_orphan_children(PgConnection& connection, const TableSpec& spec);

/// Drops, in `schemas`, every staged table (with its children) and every
/// child no parent owns: what loads that failed, were cancelled or died
/// before publishing left behind. Call it only under the run lock (no other
/// load of the project is running). Runs outside a transaction. Throws
/// RunError.
void drop_staged_tables(PgConnection& connection, const std::vector<std::string>& schemas);

/// COPY ... FROM STDIN into `table` (the declared columns, then _line), in
/// binary format when `binary`; with FREEZE, so `table` must have been
/// created in the current transaction (stream tables are).
std::string copy_sql(const TableSpec& spec, const std::string& table, bool binary);

/// Adds the _load_id column holding `load_id` to every row of `table`.
std::string add_load_id_sql(const std::string& table, const std::string& load_id);

}  // namespace mrun::load
