#include "docs/run_history.h"

#include <set>

#include "db/quote.h"

namespace mrun::docs {

namespace {

std::optional<int64_t> optional_int(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int64_t>();
}

std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }

// "{3,17,20}" (a bigint[] as text) -> 3, 17, 20.
std::vector<int64_t> int_array(const pqxx::field& f) {
  std::vector<int64_t> out;
  if (f.is_null()) return out;
  std::string s = f.c_str();
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find_first_of("-0123456789", i);
    if (j == std::string::npos) break;
    size_t end = s.find_first_not_of("-0123456789", j);
    std::string number = s.substr(j, end == std::string::npos ? std::string::npos : end - j);
    if (number != "-") out.push_back(std::stoll(number));
    i = end == std::string::npos ? s.size() : end;
  }
  return out;
}

void read_last_results(pqxx::read_transaction& tx, const std::string& s, const std::string& project,
                       RunHistory& history) {
  for (const auto& row : tx.exec(
           "select distinct on (nr.unique_id) nr.unique_id, nr.run_id, nr.status, nr.completed_at, "
           "coalesce(nr.execution_seconds, 0), nr.rows_affected, rc.row_count, coalesce(nr.message, '') "
           "from " + s + ".node_results nr join " + s + ".runs r using (run_id) "
           "left join " + s + ".row_counts rc on rc.run_id = nr.run_id and rc.relation = nr.relation "
           "where r.project = " + tx.quote(project) + " and nr.status <> 'skipped' "
           "order by nr.unique_id, r.started_at desc, nr.completed_at desc nulls last")) {
    LastResult& r = history.last_results[row[0].c_str()];
    r.run_id = row[1].c_str();
    r.status = row[2].c_str();
    r.completed_at = text(row[3]);
    r.execution_seconds = row[4].as<double>();
    r.rows_affected = optional_int(row[5]);
    r.row_count = optional_int(row[6]);
    r.message = row[7].c_str();
  }
}

void read_row_counts(pqxx::read_transaction& tx, const std::string& s, const std::string& project,
                     const HistoryLimits& limits, RunHistory& history) {
  for (const auto& row : tx.exec(
           "select unique_id, run_id, started_at, row_count from ("
           "  select rc.unique_id, rc.run_id, r.started_at, rc.row_count, "
           "         row_number() over (partition by rc.unique_id order by r.started_at desc) as k "
           "  from " + s + ".row_counts rc join " + s + ".runs r using (run_id) "
           "  where r.project = " + tx.quote(project) + " and rc.unique_id is not null) recent "
           "where k <= " + std::to_string(limits.runs) + " order by unique_id, started_at")) {
    history.row_counts[row[0].c_str()].push_back({row[1].c_str(), text(row[2]), row[3].as<int64_t>()});
  }
}

void read_loads(pqxx::read_transaction& tx, const std::string& s, const std::string& project,
                const graph::Manifest& manifest, const HistoryLimits& limits, RunHistory& history) {
  std::map<std::string, std::string> source_of_relation;
  std::set<std::string> schemas;
  for (const auto& n : manifest.nodes) {
    if (n.kind != graph::NodeKind::Source) continue;
    source_of_relation[db::qualified_name(n.database_schema, n.relation_name)] = n.unique_id;
    schemas.insert(n.database_schema);
  }
  if (source_of_relation.empty()) return;
  std::map<std::string, LoadSummary*> by_load_id;
  for (const auto& row : tx.exec(
           "select relation, run_id, load_id, file, status, rows_read, rows_loaded, rows_rejected, "
           "coalesce(content_fingerprint, ''), recorded_at, coalesce(seconds, 0), coalesce(message, '') from ("
           "  select l.*, row_number() over (partition by l.relation order by l.recorded_at desc) as k "
           "  from " + s + ".loads l join " + s + ".runs r using (run_id) where r.project = " + tx.quote(project) +
           ") recent where k <= " + std::to_string(limits.loads) + " order by relation, recorded_at desc")) {
    auto source = source_of_relation.find(row[0].c_str());
    if (source == source_of_relation.end()) continue;
    LoadSummary l;
    l.run_id = row[1].c_str();
    l.load_id = row[2].c_str();
    l.file = row[3].c_str();
    l.status = row[4].c_str();
    l.rows_read = optional_int(row[5]);
    l.rows_loaded = optional_int(row[6]);
    l.rows_rejected = optional_int(row[7]);
    l.content_fingerprint = row[8].c_str();
    l.recorded_at = text(row[9]);
    l.seconds = row[10].as<double>();
    l.message = row[11].c_str();
    history.loads[source->second].push_back(std::move(l));
  }
  std::string load_ids;
  for (auto& [id, loads] : history.loads)
    for (auto& l : loads)
      if (l.rows_rejected.value_or(0) > 0) {
        by_load_id[l.load_id] = &l;
        load_ids += (load_ids.empty() ? "" : ", ") + tx.quote(l.load_id);
      }
  if (load_ids.empty()) return;
  for (const std::string& schema : schemas) {
    std::string table = db::qualified_name(schema, "load_rejects");
    if (tx.exec1("select to_regclass(" + tx.quote(table) + ") is not null")[0].as<bool>() == false) continue;
    for (const auto& row : tx.exec(
             "select load_id, reason, n, lines from ("
             "  select load_id, reason, count(*) as n, "
             "         (array_agg(line_number order by line_number))[1:" + std::to_string(limits.reject_lines) +
             "] as lines, row_number() over (partition by load_id order by count(*) desc, reason) as k "
             "  from " + table + " where load_id in (" + load_ids + ") group by load_id, reason) reasons "
             "where k <= " + std::to_string(limits.reject_reasons) + " order by load_id, n desc, reason")) {
      auto it = by_load_id.find(row[0].c_str());
      if (it == by_load_id.end()) continue;
      it->second->top_rejects.push_back({row[1].c_str(), row[2].as<int64_t>(), int_array(row[3])});
    }
  }
}

}  // namespace

RunHistory read_run_history(pqxx::connection& conn, const std::string& state_schema, const std::string& project,
                            const graph::Manifest& manifest, const HistoryLimits& limits) {
  RunHistory history;
  pqxx::read_transaction tx(conn);
  std::string s = db::quote_identifier(state_schema);
  if (tx.exec1("select to_regclass(" + tx.quote(s + ".runs") + ") is not null")[0].as<bool>() == false)
    return history;
  history.recorded = true;
  read_last_results(tx, s, project, history);
  read_row_counts(tx, s, project, limits, history);
  read_loads(tx, s, project, manifest, limits, history);
  return history;
}

}  // namespace mrun::docs
