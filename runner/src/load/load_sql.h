// The SQL of one table's load: the new tables the COPY streams fill, the
// COPY statement, the _load_id column, and the swap that puts the new data in
// place of the old table.
//
// A load with one stream fills a single new table that is renamed into place.
// A load with several streams (a large file, several server backends at once)
// fills one child table per stream; the swap creates an empty parent with the
// same columns, attaches the children with table inheritance and renames the
// parent into place, so `select ... from raw.<name>` reads every child.
// Children are named <name>__part<k> once swapped in; before that they carry a
// load-specific name, and every child carries a table comment naming its
// parent, which is how a later load finds (and drops) the children of a load
// that died between committing them and the swap.
#pragma once

#include <string>

#include "load/pg_copy.h"
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
  /// The statements that replace the old table (dropped with CASCADE: views
  /// over it and the children of an earlier split load go too) with the new
  /// table(s), run in one transaction once every stream's table holds its
  /// rows and _load_id. The caller keeps the views: it captures them before
  /// and recreates them after, in that transaction (dependent_views.h).
  /// Fails (RunError from exec) when a name is taken.
  std::string swap_sql() const;
};

/// The comment that marks a child table of a split load of `spec`.
std::string child_comment(const TableSpec& spec);

/// Drops the child tables of earlier split loads of `spec` that no parent
/// owns (left by a load that failed or died before its swap). Runs outside a
/// transaction. Throws RunError.
void drop_orphan_children(PgConnection& connection, const TableSpec& spec);

/// COPY ... FROM STDIN into `table` (the declared columns, then _line), in
/// binary format when `binary`; with FREEZE, so `table` must have been
/// created in the current transaction (stream tables are).
std::string copy_sql(const TableSpec& spec, const std::string& table, bool binary);

/// Adds the _load_id column holding `load_id` to every row of `table`.
std::string add_load_id_sql(const std::string& table, const std::string& load_id);

}  // namespace mrun::load
