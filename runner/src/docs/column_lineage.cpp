#include "docs/column_lineage.h"

#include <algorithm>
#include <functional>
#include <set>

#include "docs/query_tree.h"
#include "util/error.h"

namespace mrun::docs {

namespace {

using Origin = std::pair<long, long>;  // relation OID, column number
using Stack = std::vector<const QueryTreeNode*>;  // enclosing queries, innermost last

// PostgreSQL's RTEKind (nodes/parsenodes.h, PostgreSQL 15).
enum RteKind { kRelation = 0, kSubquery = 1, kJoin = 2, kFunction = 3, kCte = 6 };

class OriginWalker {
 public:
  explicit OriginWalker(std::set<Origin>& out) : out_(out) {}

  // The origins of output column `resno` of `query` (stack: its enclosing ones).
  void column(const Stack& stack, long resno) {
    const QueryTreeNode* query = stack.back();
    if (++depth_ > 200) return;  // a recursive CTE: what was found is enough
    if (query->node("setOperations")) {
      // UNION / INTERSECT / EXCEPT: the column of every branch.
      for (const auto& rte : query->list("rtable"))
        if (rte.node && rte.node->number("rtekind", -1) == kSubquery) {
          Stack inner = stack;
          inner.push_back(rte.node->node("subquery"));
          if (inner.back()) column(inner, resno);
        }
    } else {
      for (const auto& entry : query->list("targetList"))
        if (entry.node && entry.node->number("resno") == resno)
          if (const QueryTreeNode* expr = entry.node->node("expr")) walk(stack, *expr);
    }
    --depth_;
  }

  // Every column `expr` reads (in `stack`'s innermost query).
  void walk(const Stack& stack, const QueryTreeNode& expr) {
    if (expr.type == "VAR") {
      long up = expr.number("varlevelsup");
      if (up < 0 || static_cast<size_t>(up) >= stack.size()) return;
      Stack outer(stack.begin(), stack.end() - up);
      range_column(outer, expr.number("varno"), expr.number("varattno"));
      return;
    }
    if (expr.type == "SUBLINK") {
      // A scalar subquery's value: what its output reads (not its filters).
      if (const QueryTreeNode* sub = expr.node("subselect")) {
        Stack inner = stack;
        inner.push_back(sub);
        column(inner, 1);
      }
      if (const QueryTreeNode* test = expr.node("testexpr")) walk(stack, *test);
      return;
    }
    if (expr.type == "QUERY") return;  // reached only through the cases above
    for (const auto& [name, values] : expr.fields) walk_items(stack, values);
  }

 private:
  void walk_items(const Stack& stack, const std::vector<QueryTreeItem>& items) {
    for (const auto& item : items) {
      if (item.node) walk(stack, *item.node);
      else if (item.is_list) walk_items(stack, item.list);
    }
  }

  // Column `attno` of range table entry `varno` of the innermost query.
  void range_column(const Stack& stack, long varno, long attno) {
    const auto& rtable = stack.back()->list("rtable");
    if (varno < 1 || static_cast<size_t>(varno) > rtable.size() || !rtable[varno - 1].node) return;
    const QueryTreeNode& rte = *rtable[varno - 1].node;
    switch (rte.number("rtekind", -1)) {
      case kRelation:
        if (attno > 0) out_.insert({rte.number("relid"), attno});
        return;
      case kSubquery:
        if (const QueryTreeNode* sub = rte.node("subquery")) {
          Stack inner = stack;
          inner.push_back(sub);
          column(inner, attno);
        }
        return;
      case kJoin: {
        const auto& aliases = rte.list("joinaliasvars");
        if (attno >= 1 && static_cast<size_t>(attno) <= aliases.size() && aliases[attno - 1].node)
          walk(stack, *aliases[attno - 1].node);
        return;
      }
      case kCte: {
        long up = rte.number("ctelevelsup");
        if (up < 0 || static_cast<size_t>(up) >= stack.size()) return;
        Stack outer(stack.begin(), stack.end() - up);
        std::string name = rte.text("ctename");
        for (const auto& cte : outer.back()->list("cteList"))
          if (cte.node && cte.node->text("ctename") == name)
            if (const QueryTreeNode* body = cte.node->node("ctequery")) {
              outer.push_back(body);
              column(outer, attno);
            }
        return;
      }
      case kFunction:
        // A set-returning function in FROM (jsonb_array_elements(m.genres)):
        // each of its columns comes from the function's arguments.
        for (const auto& function : rte.list("functions"))
          if (function.node)
            if (const QueryTreeNode* call = function.node->node("funcexpr")) walk(stack, *call);
        return;
      default:
        return;  // VALUES, tables of functions without arguments: no relation's column
    }
  }

  std::set<Origin>& out_;
  int depth_ = 0;
};

// "schema.relation" of what a node builds or reads.
std::string relation_of(const graph::Node& n) { return n.database_schema + "." + n.relation_name; }

}  // namespace

std::map<std::string, std::vector<std::pair<long, long>>> query_column_origins(const std::string& ev_action) {
  std::vector<QueryTreeItem> top = read_query_tree(ev_action);
  const QueryTreeNode* query = nullptr;
  if (!top.empty() && top[0].is_list && !top[0].list.empty()) query = top[0].list[0].node.get();
  else if (!top.empty()) query = top[0].node.get();
  if (!query || query->type != "QUERY") throw RunError("the query tree holds no QUERY");
  std::map<std::string, std::vector<Origin>> out;
  for (const auto& entry : query->list("targetList")) {
    if (!entry.node || entry.node->text("resjunk") == "true") continue;
    std::set<Origin> origins;
    OriginWalker walker(origins);
    walker.column(Stack{query}, entry.node->number("resno"));
    out[entry.node->text("resname")] = std::vector<Origin>(origins.begin(), origins.end());
  }
  return out;
}

std::map<std::string, std::map<std::string, ColumnOrigin>> read_column_lineage(pqxx::connection& conn,
                                                                               const graph::Manifest& manifest) {
  // Each model analyzed as a temporary view in a savepoint of one
  // transaction that is rolled back: the database keeps nothing.
  std::map<std::string, std::map<std::string, std::vector<Origin>>> by_model;
  std::set<long> relations;
  {
    pqxx::work tx(conn, "column_lineage");
    for (const graph::Node& n : manifest.nodes) {
      if (n.kind != graph::NodeKind::Model || !n.enabled() || n.compiled_code.empty()) continue;
      try {
        pqxx::subtransaction view(tx, "lineage_view");
        view.exec("create temporary view mrun_column_lineage as\n" + n.compiled_code);
        std::string action = view.exec1("select ev_action::text from pg_rewrite where ev_class = "
                                        "'pg_temp.mrun_column_lineage'::regclass")[0]
                                 .c_str();
        view.abort();
        auto origins = query_column_origins(action);
        for (const auto& [column, list] : origins)
          for (const auto& o : list) relations.insert(o.first);
        by_model[n.unique_id] = std::move(origins);
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception&) {
        // Parents not built, or SQL the database cannot analyze: no lineage.
      }
    }
    tx.abort();
  }

  // OIDs and column numbers to "schema.relation.column".
  std::map<Origin, std::string> names;
  if (!relations.empty()) {
    std::string oids;
    for (long oid : relations) oids += (oids.empty() ? "" : ",") + std::to_string(oid);
    pqxx::read_transaction tx(conn);
    for (const auto& row : tx.exec("select a.attrelid, a.attnum, n.nspname, c.relname, a.attname from pg_attribute a"
                                   " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                                   " where a.attnum > 0 and a.attrelid in (" + oids + ")"))
      names[{row[0].as<long>(), row[1].as<long>()}] =
          std::string(row[2].c_str()) + "." + row[3].c_str() + "." + row[4].c_str();
  }

  // Direct origins, then roots: through the models of the project, down to
  // what none of them builds.
  std::map<std::string, std::string> model_of_relation;  // "schema.relation" -> unique_id
  for (const graph::Node& n : manifest.nodes)
    if (n.kind == graph::NodeKind::Model && by_model.count(n.unique_id)) model_of_relation[relation_of(n)] = n.unique_id;
  std::map<std::string, std::map<std::string, ColumnOrigin>> out;
  for (const auto& [id, columns] : by_model)
    for (const auto& [column, origins] : columns) {
      ColumnOrigin& origin = out[id][column];
      origin.known = true;
      for (const auto& o : origins)
        if (auto it = names.find(o); it != names.end()) origin.sources.push_back(it->second);
      std::sort(origin.sources.begin(), origin.sources.end());
    }
  std::function<void(const std::string&, std::set<std::string>&, std::set<std::string>&)> roots_of =
      [&](const std::string& source, std::set<std::string>& roots, std::set<std::string>& visiting) {
        size_t dot = source.rfind('.');
        auto model = model_of_relation.find(source.substr(0, dot));
        if (model == model_of_relation.end() || !visiting.insert(source).second) {
          roots.insert(source);
          return;
        }
        auto column = out[model->second].find(source.substr(dot + 1));
        if (column == out[model->second].end()) {
          roots.insert(source);
          return;
        }
        for (const auto& upstream : column->second.sources) roots_of(upstream, roots, visiting);
      };
  for (auto& [id, columns] : out)
    for (auto& [column, origin] : columns) {
      std::set<std::string> roots, visiting;
      for (const auto& s : origin.sources) roots_of(s, roots, visiting);
      origin.roots.assign(roots.begin(), roots.end());
    }
  return out;
}

}  // namespace mrun::docs
