#include "load/copy/dependent_views.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "db/quote.h"
#include "util/error.h"

namespace mrun::load {

namespace {

// The advisory lock (two int4 keys: "mrun", 1) that swaps with dependent views take.
constexpr const char* kSwapLockSql = "SELECT pg_advisory_xact_lock(1836217710, 1)";

// The relations a swap drops: the tables and their inheritance children
// (`tables`: regclass_set_sql of their names).
std::string roots_sql(const std::string& tables) {
  return "select c.oid from pg_class c where c.oid in " + tables +
         " union all select i.inhrelid from pg_inherits i where i.inhparent in " + tables;
}

// Does anything read the tables (regclass_set_sql) through a rewrite rule (a view)?
std::string probe_sql(const std::string& tables) {
  return "select exists (select 1 from pg_depend d join pg_rewrite r on r.oid = d.objid"
         " where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass"
         " and d.refobjid in (" + roots_sql(tables) + ") and r.ev_class <> d.refobjid)";
}

}  // namespace

std::string regclass_set_sql(const std::vector<std::string>& relations) {
  std::string names;
  for (const std::string& r : relations) names += (names.empty() ? "" : ", ") + db::quote_literal(r);
  return "(select to_regclass(t) from unnest(array[" + names + "]::text[]) t)";
}

std::string existing_relations(PgConnection& connection, const std::vector<std::string>& relations) {
  if (relations.empty()) return "";
  return connection.query_value("select string_agg(format('%I.%I', n.nspname, c.relname), ', ') from pg_class c"
                                " join pg_namespace n on n.oid = c.relnamespace where c.oid in " +
                                regclass_set_sql(relations));
}

std::string comments_and_grants_json_sql() {
  return "'comment', obj_description(c.oid, 'pg_class'),"
         " 'column_comments', coalesce((select json_agg("
         "    json_build_object('column', a.attname, 'comment', d.description)"
         "    order by a.attnum) from pg_attribute a join pg_description d on d.objoid = c.oid"
         "    and d.classoid = 'pg_class'::regclass and d.objsubid = a.attnum"
         "    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]'),"
         " 'owner', pg_get_userbyid(c.relowner),"
         " 'has_acl', c.relacl is not null,"
         " 'privileges', coalesce((select json_agg(json_build_object("
         "    'grantee', case when p.grantee = 0 then '' else pg_get_userbyid(p.grantee) end,"
         "    'privilege', p.privilege_type, 'column', p.col, 'grantable', p.is_grantable))"
         "    from (select x.*, '' as col from aclexplode(c.relacl) x"
         "     union all select x.*, a.attname from pg_attribute a, aclexplode(a.attacl) x"
         "     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) p), '[]')";
}

namespace {

// One JSON array of the dependent views, in dependency order. A view's rule
// (pg_rewrite) depends on every relation its query reads; `tree` follows
// those edges from the table through views and materialized views only (a
// rule on a table is dropped, not the table). A view's depth is its longest
// path from the table, so it is larger than the depth of every view it reads.
std::string capture_sql(const std::string& tables) {
  return "with recursive roots(oid) as (" + roots_sql(tables) + "),"
         " tree(oid, depth) as ("
         "  select r.ev_class, 1 from pg_depend d join pg_rewrite r on r.oid = d.objid"
         "   join pg_class v on v.oid = r.ev_class and v.relkind in ('v', 'm')"
         "   where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass"
         "   and d.refobjid in (select oid from roots) and r.ev_class <> d.refobjid"
         "  union"
         "  select r.ev_class, t.depth + 1 from tree t"
         "   join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = t.oid"
         "    and d.classid = 'pg_rewrite'::regclass"
         "   join pg_rewrite r on r.oid = d.objid"
         "   join pg_class v on v.oid = r.ev_class and v.relkind in ('v', 'm')"
         "   where r.ev_class <> t.oid and t.depth < 100),"
         " views(oid, depth) as (select oid, max(depth) from tree group by oid)"
         " select coalesce(json_agg(json_build_object("
         "  'oid', c.oid::bigint, 'schema', n.nspname, 'name', c.relname, 'materialized', c.relkind = 'm',"
         "  'definition', pg_get_viewdef(c.oid),"
         "  'options', coalesce(c.reloptions, '{}'),"
         "  'tablespace', coalesce((select s.spcname from pg_tablespace s where s.oid = c.reltablespace), ''),"
         "  " + comments_and_grants_json_sql() + ","
         "  'attached', coalesce((select json_agg(s.def) from ("
         "    select pg_get_indexdef(i.indexrelid) as def from pg_index i where i.indrelid = c.oid"
         "    union all select pg_get_triggerdef(g.oid) from pg_trigger g"
         "     where g.tgrelid = c.oid and not g.tgisinternal"
         "    union all select pg_get_ruledef(u.oid) from pg_rewrite u"
         "     where u.ev_class = c.oid and u.rulename <> '_RETURN'"
         "   ) s), '[]'),"
         "  'reads', coalesce((select json_agg(distinct d.refobjid::bigint) from pg_rewrite r"
         "    join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid"
         "    where r.ev_class = c.oid and d.refclassid = 'pg_class'::regclass and d.refobjid <> c.oid"
         "    and d.refobjid in (select oid from views)), '[]')"
         " ) order by v.depth, n.nspname, c.relname), '[]')"
         " from views v join pg_class c on c.oid = v.oid join pg_namespace n on n.oid = c.relnamespace";
}

std::string without_final_semicolon(std::string sql) {
  while (!sql.empty() && (sql.back() == ';' || sql.back() == ' ' || sql.back() == '\n')) sql.pop_back();
  return sql;
}

DependentView view_from_json(const nlohmann::json& j) {
  DependentView v;
  v.oid = j.at("oid").get<uint32_t>();
  v.schema = j.at("schema").get<std::string>();
  v.name = j.at("name").get<std::string>();
  v.materialized = j.at("materialized").get<bool>();
  v.definition = without_final_semicolon(j.at("definition").get<std::string>());
  v.options = j.at("options").get<std::vector<std::string>>();
  v.tablespace = j.at("tablespace").get<std::string>();
  v.access = comments_and_grants_of(j);
  for (const auto& a : j.at("attached")) v.attached.push_back(a.get<std::string>());
  v.reads = j.at("reads").get<std::vector<uint32_t>>();
  return v;
}

// "view staging.stg_x" or "materialized view marts.m".
std::string describe(const DependentView& v) {
  return std::string(v.materialized ? "materialized view " : "view ") + v.schema + "." + v.name;
}

}  // namespace

std::vector<DependentView> capture_dependent_views(PgConnection& connection, const std::string& schema,
                                                   const std::string& table) {
  return capture_dependent_views(connection, std::vector<std::string>{db::qualified_name(schema, table)});
}

std::vector<DependentView> capture_dependent_views(PgConnection& connection, const std::vector<std::string>& tables) {
  std::string given = regclass_set_sql(tables);
  if (tables.empty() || connection.query_value(probe_sql(given)) != "t") return {};
  connection.exec(kSwapLockSql);
  // Nobody creates a view over the tables between this capture and the drop.
  connection.exec("LOCK TABLE " + existing_relations(connection, tables) + " IN ACCESS EXCLUSIVE MODE");
  nlohmann::json all = nlohmann::json::parse(connection.query_value(capture_sql(given)));
  std::vector<DependentView> views;
  for (const auto& j : all) views.push_back(view_from_json(j));
  return views;
}

CommentsAndGrants comments_and_grants_of(const nlohmann::json& j) {
  CommentsAndGrants a;
  a.has_comment = !j.at("comment").is_null();
  if (a.has_comment) a.comment = j.at("comment").get<std::string>();
  for (const auto& c : j.at("column_comments"))
    a.column_comments.push_back({c.at("column").get<std::string>(), c.at("comment").get<std::string>()});
  a.owner = j.at("owner").get<std::string>();
  a.has_acl = j.at("has_acl").get<bool>();
  for (const auto& p : j.at("privileges"))
    a.privileges.push_back({p.at("grantee").get<std::string>(), p.at("privilege").get<std::string>(),
                            p.at("column").get<std::string>(), p.at("grantable").get<bool>()});
  return a;
}

std::string comments_sql(const std::string& kind, const std::string& name, const CommentsAndGrants& a) {
  std::string sql;
  if (a.has_comment) sql += "COMMENT ON " + kind + name + " IS " + db::quote_literal(a.comment) + ";\n";
  for (const ColumnComment& c : a.column_comments)
    sql += "COMMENT ON COLUMN " + name + "." + db::quote_identifier(c.column) + " IS " + db::quote_literal(c.comment) +
           ";\n";
  return sql;
}

std::string grants_sql(const std::string& name, const CommentsAndGrants& a) {
  std::string sql;
  for (const ViewPrivilege& p : a.privileges) {
    sql += "GRANT " + p.privilege;
    if (!p.column.empty()) sql += " (" + db::quote_identifier(p.column) + ")";
    sql += " ON " + name + " TO " + (p.grantee.empty() ? "PUBLIC" : db::quote_identifier(p.grantee));
    sql += p.grantable ? " WITH GRANT OPTION;\n" : ";\n";
  }
  return sql;
}

std::string recreate_view_sql(const DependentView& v) {
  std::string kind = v.materialized ? "MATERIALIZED VIEW " : "VIEW ";
  std::string name = db::qualified_name(v.schema, v.name);
  std::string sql = "CREATE " + kind + name;
  if (!v.options.empty()) {
    sql += " WITH (";
    for (size_t k = 0; k < v.options.size(); ++k) {
      const std::string& option = v.options[k];
      size_t eq = option.find('=');
      sql += (k ? ", " : "") + option.substr(0, eq);
      if (eq != std::string::npos) sql += " = " + db::quote_literal(option.substr(eq + 1));
    }
    sql += ")";
  }
  if (v.materialized && !v.tablespace.empty()) sql += " TABLESPACE " + db::quote_identifier(v.tablespace);
  sql += " AS " + v.definition + (v.materialized ? " WITH DATA" : "") + ";\n";
  sql += "ALTER " + kind + name + " OWNER TO " + db::quote_identifier(v.access.owner) + ";\n";
  sql += comments_sql(kind, name, v.access);
  // A NULL acl means the owner's default privileges, which the new view has.
  // Otherwise the captured list is complete, the owner's own entry included.
  if (v.access.has_acl) sql += "REVOKE ALL ON " + name + " FROM " + db::quote_identifier(v.access.owner) + ";\n";
  sql += grants_sql(name, v.access);
  for (const std::string& statement : v.attached) sql += without_final_semicolon(statement) + ";\n";
  return sql;
}

std::vector<std::string> recreate_dependent_views(PgConnection& connection, const std::vector<DependentView>& views,
                                                  const std::string& table) {
  std::vector<std::string> warnings;
  std::set<uint32_t> lost;
  auto warn = [&](const DependentView& v, const std::string& why) {
    lost.insert(v.oid);
    warnings.push_back(describe(v) + " over " + table + " could not be recreated: " + why +
                       "; `mrun run` rebuilds it if it is a model");
  };
  for (const DependentView& v : views) {
    auto gone = std::find_if(v.reads.begin(), v.reads.end(), [&](uint32_t oid) { return lost.count(oid) > 0; });
    if (gone != v.reads.end()) {
      auto read = std::find_if(views.begin(), views.end(), [&](const DependentView& w) { return w.oid == *gone; });
      warn(v, "it reads " + describe(*read) + ", which could not be");
      continue;
    }
    connection.exec("SAVEPOINT mrun_dependent_view");
    std::string error = connection.try_exec(recreate_view_sql(v));
    if (!error.empty()) {
      connection.exec("ROLLBACK TO SAVEPOINT mrun_dependent_view");
      warn(v, error);
    }
    connection.exec("RELEASE SAVEPOINT mrun_dependent_view");
  }
  return warnings;
}

}  // namespace mrun::load
