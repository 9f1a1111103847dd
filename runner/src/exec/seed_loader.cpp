#include "exec/seed_loader.h"

#include "db/quote.h"
#include "load/csv/csv_scanner.h"
#include "load/archive/directory_dataset.h"
#include "load/copy/pg_copy.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::exec {

namespace {

// Regular expressions a column's non-null values must all match for a type.
struct Inference {
  const char* type;
  const char* pattern;
};
constexpr Inference kInferences[] = {
    {"bigint", R"(^[-+]?[0-9]{1,18}$)"},
    {"numeric", R"(^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$)"},
    {"boolean", R"(^(true|false|TRUE|FALSE|True|False)$)"},
    {"date", R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}$)"},
};

// The type of each column: column_types config first, else the narrowest
// inferred type that every value fits.
std::vector<std::string> column_types(db::PgConnection& conn, const graph::Node& node, const std::string& table,
                                      const std::vector<std::string>& columns) {
  project::ConfigValue configured = node.config.get("column_types");
  std::vector<std::string> types;
  for (const auto& column : columns) {
    if (const project::ConfigValue* type = configured.find(column)) {
      types.push_back(type->text());
      continue;
    }
    std::string q = db::quote_identifier(column);
    std::string sql = "SELECT concat_ws(',', ";
    for (size_t i = 0; i < std::size(kInferences); ++i) {
      if (i) sql += ", ";
      sql += "coalesce(bool_and(" + q + " ~ " + db::quote_literal(kInferences[i].pattern) + "), false)::int";
    }
    sql += ") FROM " + table + " WHERE " + q + " IS NOT NULL";
    std::vector<std::string> fits = split(conn.query_value(sql), ',');
    std::string type = "text";
    for (size_t i = 0; i < fits.size() && i < std::size(kInferences); ++i) {
      if (fits[i] == "1") {
        type = kInferences[i].type;
        break;
      }
    }
    types.push_back(type);
  }
  return types;
}

// The header of the seed's CSV: its column names, trimmed. Throws ConfigError
// when the file is empty or its first record malformed.
std::vector<std::string> read_header(load::CsvScanner& scanner, const graph::Node& node) {
  load::CsvRecord record;
  if (!scanner.next(record)) throw ConfigError(SourceLocation{node.path, 1, 0}, "the seed file is empty");
  if (!record.error.empty()) throw ConfigError(SourceLocation{node.path, static_cast<int>(record.line), 0}, record.error);
  std::vector<std::string> columns;
  for (auto f : record.fields) columns.emplace_back(trim(f));
  return columns;
}

}  // namespace

std::vector<std::string> seed_columns(const graph::Node& node, const std::string& csv_path) {
  auto stream = load::open_file_stream(csv_path, node.path);
  load::CsvScanner scanner(*stream);
  return read_header(scanner, node);
}

SeedResult load_seed(db::PgConnection& conn, const graph::Node& node, const std::string& csv_path,
                     const parse::Relation& relation, parse::RelationCatalog& catalog, const SeedHooks& hooks) {
  auto stream = load::open_file_stream(csv_path, node.path);
  load::CsvScanner scanner(*stream);
  load::CsvRecord record;
  auto fail = [&](const load::CsvRecord& r, const std::string& why) {
    throw ConfigError(SourceLocation{node.path, static_cast<int>(r.line), 0}, why);
  };
  std::vector<std::string> columns = read_header(scanner, node);

  std::string staged = db::qualified_name(relation.schema, relation.identifier.substr(0, 50) + "__mrun_seed");
  auto run_hooks = [&conn](const std::vector<std::string>& statements) {
    for (const auto& hook : statements)
      if (!trim(hook).empty()) conn.exec(hook);
  };
  conn.exec("BEGIN");
  try {
    run_hooks(hooks.pre);
    std::vector<std::string> defs;
    for (const auto& c : columns) defs.push_back(db::quote_identifier(c) + " text");
    conn.exec("DROP TABLE IF EXISTS " + staged + "; CREATE TABLE " + staged + " (" + join(defs, ", ") + ")");
    long long rows = 0;
    {
      load::CopyIn copy(conn, "COPY " + staged + " FROM STDIN");
      while (scanner.next(record)) {
        if (!record.error.empty()) fail(record, record.error);
        if (record.fields.size() != columns.size()) {
          fail(record, "expected " + std::to_string(columns.size()) + " fields, found " +
                           std::to_string(record.fields.size()));
        }
        std::string& out = copy.buffer();
        for (size_t i = 0; i < record.fields.size(); ++i) {
          if (i) out += '\t';
          if (record.fields[i].empty() && !record.quoted[i]) {
            out += "\\N";
          } else {
            load::append_copy_text(out, record.fields[i]);
          }
        }
        out += '\n';
        copy.flush_if_full();
      }
      rows = copy.finish();
    }
    std::vector<std::string> types = column_types(conn, node, staged, columns);
    for (size_t i = 0; i < columns.size(); ++i) {
      if (types[i] == "text") continue;
      std::string q = db::quote_identifier(columns[i]);
      conn.exec("ALTER TABLE " + staged + " ALTER COLUMN " + q + " TYPE " + types[i] + " USING " + q + "::" + types[i]);
    }
    if (auto old = catalog.find(relation)) {
      conn.exec(std::string("DROP ") + (*old == parse::RelationKind::View ? "VIEW" : "TABLE") + " IF EXISTS " +
                relation.quoted() + " CASCADE");
    }
    conn.exec("ALTER TABLE " + staged + " RENAME TO " + db::quote_identifier(relation.identifier));
    run_hooks(hooks.post);
    conn.exec("COMMIT");
    catalog.record(relation, parse::RelationKind::Table);
    return SeedResult{rows};
  } catch (...) {
    try {
      conn.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

}  // namespace mrun::exec
