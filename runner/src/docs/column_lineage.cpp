#include "docs/column_lineage.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "docs/query_tree.h"
#include "util/error.h"
#include "util/parallel.h"

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

namespace {

// How many models are analyzed per round trip: their views are created by
// one statement list in one savepoint and read back by one query.
constexpr size_t kLineageBatch = 200;

// The view of the `k`th model of a batch.
std::string lineage_view_name(size_t k) { return "mrun_column_lineage_" + std::to_string(k); }

// The analyzed query trees (pg_rewrite.ev_action) of `models`, by position;
// "" for a model the database cannot analyze (parents not built, bad SQL).
// A batch whose statements all succeed takes one round trip; a batch with a
// failing model is done again one model at a time.
std::vector<std::string> analyzed_query_trees(pqxx::work& tx, const std::vector<const graph::Node*>& models) {
  std::vector<std::string> actions(models.size());
  auto read_batch = [&](pqxx::subtransaction& sub, size_t begin, size_t end) {
    for (const auto& row : sub.exec("select c.relname, r.ev_action::text from pg_rewrite r join pg_class c on "
                                    "c.oid = r.ev_class where c.relnamespace = pg_my_temp_schema() and c.relname "
                                    "like 'mrun\\_column\\_lineage\\_%'")) {
      size_t k = std::stoul(std::string(row[0].c_str()).substr(lineage_view_name(0).size() - 1));
      if (begin + k < end) actions[begin + k] = row[1].c_str();
    }
  };
  auto create = [&](size_t begin, size_t end) {
    std::string sql;
    for (size_t i = begin; i < end; ++i)
      sql += "create temporary view " + lineage_view_name(i - begin) + " as\n" + models[i]->compiled_code + "\n;\n";
    return sql;
  };
  for (size_t begin = 0; begin < models.size(); begin += kLineageBatch) {
    size_t end = std::min(models.size(), begin + kLineageBatch);
    try {
      pqxx::subtransaction batch(tx, "lineage_batch");
      batch.exec(create(begin, end));
      read_batch(batch, begin, end);
      batch.abort();
      continue;
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const std::exception&) {
      // One model or more cannot be analyzed: each on its own below.
    }
    for (size_t i = begin; i < end; ++i) {
      try {
        pqxx::subtransaction one(tx, "lineage_view");
        one.exec(create(i, i + 1));
        read_batch(one, i, i + 1);
        one.abort();
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception&) {
        actions[i].clear();  // parents not built, or SQL the database cannot analyze: no lineage
      }
    }
  }
  return actions;
}

// The rewrite rules of the views `oids` (by position; "" for one that is gone).
std::vector<std::string> built_query_trees(pqxx::work& tx, const std::vector<uint32_t>& oids) {
  std::vector<std::string> out(oids.size());
  if (oids.empty()) return out;
  std::map<uint32_t, size_t> position;
  std::string list;
  for (size_t k = 0; k < oids.size(); ++k) {
    position[oids[k]] = k;
    list += (list.empty() ? "" : ",") + std::to_string(oids[k]);
  }
  for (const auto& row : tx.exec("select ev_class, ev_action::text from pg_rewrite where ev_type = '1' and "
                                 "rulename = '_RETURN' and ev_class in (" + list + ")"))
    out[position.at(row[0].as<uint32_t>())] = row[1].c_str();
  return out;
}

// The direct origins of manifest nodes `models` (by position; nullopt for
// a model the database cannot analyze), each analyzed by the database: a
// model in `built_views` read from its view's rewrite rule, any other as a
// temporary view.
std::vector<std::optional<DirectOrigins>> analyze_models(const std::vector<pqxx::connection*>& connections,
                                                         const graph::Manifest& manifest,
                                                         const std::vector<size_t>& models,
                                                         const std::map<std::string, uint32_t>& built_views) {
  if (models.empty()) return {};
  // Each model analyzed as a temporary view in a savepoint of a transaction
  // that is rolled back: the database keeps nothing. The models are shared
  // out between the connections, each analyzing its part at the same time,
  // a batch at a time, each batch's query trees read as soon as they come
  // (at about 14 KB of text each, they are never all held at once).
  using Origins = std::map<std::string, std::vector<Origin>>;
  std::vector<std::optional<Origins>> parsed(models.size());
  auto parse = [&parsed](size_t k, const std::string& tree) {
    if (tree.empty()) return;
    try {
      parsed[k] = query_column_origins(tree);
    } catch (const std::exception&) {
      // A query tree this reader does not know: no lineage for the model.
    }
  };
  size_t part = (models.size() + connections.size() - 1) / connections.size();
  run_in_parallel_or_throw(connections.size(), [&](size_t c) {
    size_t begin = std::min(models.size(), c * part), end = std::min(models.size(), begin + part);
    std::vector<const graph::Node*> created;
    std::vector<size_t> created_at, built_at;
    std::vector<uint32_t> built;
    for (size_t k = begin; k < end; ++k) {
      const graph::Node& n = manifest.nodes[models[k]];
      if (auto view = built_views.find(n.unique_id); view != built_views.end()) {
        built.push_back(view->second);
        built_at.push_back(k);
      } else {
        created.push_back(&n);
        created_at.push_back(k);
      }
    }
    pqxx::work tx(*connections[c], "column_lineage");
    for (size_t b = 0; b < built.size(); b += kLineageBatch) {
      size_t e = std::min(built.size(), b + kLineageBatch);
      std::vector<std::string> trees = built_query_trees(tx, {built.begin() + b, built.begin() + e});
      for (size_t j = b; j < e; ++j) parse(built_at[j], trees[j - b]);
    }
    for (size_t b = 0; b < created.size(); b += kLineageBatch) {
      size_t e = std::min(created.size(), b + kLineageBatch);
      std::vector<std::string> trees = analyzed_query_trees(tx, {created.begin() + b, created.begin() + e});
      for (size_t j = b; j < e; ++j) parse(created_at[j], trees[j - b]);
    }
    tx.abort();
  });

  // OIDs and column numbers to "schema.relation.column".
  std::set<long> relations;
  for (const auto& p : parsed)
    if (p)
      for (const auto& [column, list] : *p)
        for (const auto& o : list) relations.insert(o.first);
  std::map<Origin, std::string> names;
  if (!relations.empty()) {
    std::string oids;
    for (long oid : relations) oids += (oids.empty() ? "" : ",") + std::to_string(oid);
    pqxx::read_transaction tx(*connections.front());
    for (const auto& row : tx.exec("select a.attrelid, a.attnum, n.nspname, c.relname, a.attname from pg_attribute a"
                                   " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                                   " where a.attnum > 0 and a.attrelid in (" + oids + ")"))
      names[{row[0].as<long>(), row[1].as<long>()}] =
          std::string(row[2].c_str()) + "." + row[3].c_str() + "." + row[4].c_str();
  }
  std::vector<std::optional<DirectOrigins>> out(models.size());
  for (size_t i = 0; i < models.size(); ++i) {
    if (!parsed[i]) continue;
    DirectOrigins& columns = out[i].emplace();
    for (const auto& [column, origins] : *parsed[i]) {
      ColumnOrigin& origin = columns[column];
      origin.known = true;
      for (const auto& o : origins)
        if (auto it = names.find(o); it != names.end()) origin.sources.push_back(it->second);
      std::sort(origin.sources.begin(), origin.sources.end());
    }
  }
  return out;
}

// `direct` with the roots of each column: its origins followed through the
// models of the project, down to what none of them builds.
void follow_to_roots(const graph::Manifest& manifest, std::map<std::string, DirectOrigins>& lineage) {
  std::map<std::string, std::string> model_of_relation;  // "schema.relation" -> unique_id
  for (const graph::Node& n : manifest.nodes)
    if (n.kind == graph::NodeKind::Model && lineage.count(n.unique_id)) model_of_relation[relation_of(n)] = n.unique_id;
  // The roots of each upstream column are found once. A model that reads
  // itself (an incremental one's {{ this }}) makes a cycle, which stops at
  // that column; what was found inside a cycle is not remembered.
  std::unordered_map<std::string, std::vector<std::string>> found;
  std::set<std::string> visiting;
  bool cycle = false;
  std::function<std::vector<std::string>(const std::string&)> roots_of = [&](const std::string& source) {
    if (auto known = found.find(source); known != found.end()) return known->second;
    size_t dot = source.rfind('.');
    auto model = model_of_relation.find(source.substr(0, dot));
    if (model == model_of_relation.end()) return std::vector<std::string>{source};
    auto column = lineage[model->second].find(source.substr(dot + 1));
    if (column == lineage[model->second].end()) return std::vector<std::string>{source};
    if (!visiting.insert(source).second) {
      cycle = true;
      return std::vector<std::string>{source};
    }
    bool outer_cycle = std::exchange(cycle, false);
    std::set<std::string> roots;
    for (const auto& upstream : column->second.sources)
      for (auto& r : roots_of(upstream)) roots.insert(std::move(r));
    visiting.erase(source);
    std::vector<std::string> out(roots.begin(), roots.end());
    if (!cycle) found[source] = out;
    cycle = cycle || outer_cycle;
    return out;
  };
  for (auto& [id, columns] : lineage)
    for (auto& [column, origin] : columns) {
      std::set<std::string> roots;
      for (const auto& s : origin.sources)
        for (auto& r : roots_of(s)) roots.insert(std::move(r));
      origin.roots.assign(roots.begin(), roots.end());
    }
}

}  // namespace

std::map<std::string, std::map<std::string, ColumnOrigin>> read_column_lineage(
    const std::vector<pqxx::connection*>& connections, const graph::Manifest& manifest, ColumnLineageCache* cache,
    const BuiltViews& built_views) {
  if (connections.empty()) throw RunError("column lineage needs a database connection");
  std::vector<size_t> models;
  for (size_t i = 0; i < manifest.nodes.size(); ++i) {
    const graph::Node& n = manifest.nodes[i];
    if (n.kind == graph::NodeKind::Model && n.enabled() && !n.compiled_code.empty()) models.push_back(i);
  }
  std::vector<std::optional<DirectOrigins>> direct(models.size());
  if (cache) direct = cache->lookup(*connections.front(), manifest, models);
  std::vector<size_t> changed, changed_at;  // what the cache does not hold: manifest index, position
  for (size_t k = 0; k < models.size(); ++k)
    if (!direct[k]) changed.push_back(models[k]), changed_at.push_back(k);
  std::vector<std::optional<DirectOrigins>> analyzed = analyze_models(
      connections, manifest, changed,
      built_views && !changed.empty() ? built_views(changed) : std::map<std::string, uint32_t>{});
  if (cache) cache->remember(*connections.front(), manifest, changed, analyzed);
  for (size_t c = 0; c < changed.size(); ++c) direct[changed_at[c]] = std::move(analyzed[c]);

  std::map<std::string, DirectOrigins> out;
  for (size_t k = 0; k < models.size(); ++k)
    if (direct[k]) out[manifest.nodes[models[k]].unique_id] = std::move(*direct[k]);
  follow_to_roots(manifest, out);
  return out;
}

}  // namespace mrun::docs
