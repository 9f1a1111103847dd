#include "state/run_history.h"

#include "db/quote.h"

namespace mrun::state {

namespace {

std::string text_of(const pqxx::field& f) { return f.is_null() ? "" : f.c_str(); }

// "('a'), ('b')" for a VALUES list; "(NULL)" when empty (matches nothing).
std::string values_list(pqxx::transaction_base& tx, const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "(" : ", (") + tx.quote(item) + "::text)";
  return out.empty() ? "(NULL::text)" : out;
}

}  // namespace

std::vector<RunSummaryRow> recent_runs(pqxx::connection& conn, const std::string& schema, const std::string& project,
                                       int runs, const std::vector<std::string>& unique_ids,
                                       const std::vector<std::string>& relations) {
  const std::string s = db::quote_identifier(schema);
  pqxx::read_transaction tx(conn);
  std::vector<RunSummaryRow> out;
  std::map<std::string, size_t> index;
  for (const auto& row : tx.exec_params(
           "select run_id, command, status, exit_code, to_char(started_at at time zone 'UTC', "
           "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(finished_at at time zone 'UTC', "
           "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), extract(epoch from finished_at - started_at), as_of::text, "
           "dataset_uri, case when publish = 'atomic' then case when published_at is null then 'no' else 'yes' end "
           "else 'per node' end from " + s + ".runs where project = $1 order by started_at desc limit $2",
           project, runs)) {
    RunSummaryRow r;
    r.run_id = row[0].c_str();
    r.command = text_of(row[1]);
    r.status = text_of(row[2]);
    if (!row[3].is_null()) r.exit_code = row[3].as<int>();
    r.started_at = text_of(row[4]);
    r.finished_at = text_of(row[5]);
    if (!row[6].is_null()) r.seconds = row[6].as<double>();
    r.as_of = text_of(row[7]);
    r.dataset_uri = text_of(row[8]);
    r.published = text_of(row[9]);
    index[r.run_id] = out.size();
    out.push_back(std::move(r));
  }
  if (out.empty()) return out;
  std::vector<std::string> run_ids;
  for (const auto& r : out) run_ids.push_back(r.run_id);
  const std::string run_values = values_list(tx, run_ids);
  for (const auto& row : tx.exec("select run_id, status, count(*) from " + s + ".node_results where run_id in (values " +
                                 run_values + ") group by run_id, status")) {
    out[index[row[0].c_str()]].statuses[row[1].c_str()] = row[2].as<int>();
  }
  for (const auto& row : tx.exec(
           "select n.run_id, n.unique_id, n.status, c.row_count, n.execution_seconds, n.message from " + s +
           ".node_results n left join " + s + ".row_counts c on c.run_id = n.run_id and c.relation = n.relation "
           "where n.run_id in (values " + run_values + ") and n.unique_id in (values " +
           values_list(tx, unique_ids) + ")")) {
    NodeInRun n;
    n.status = text_of(row[2]);
    if (!row[3].is_null()) n.row_count = row[3].as<int64_t>();
    if (!row[4].is_null()) n.seconds = row[4].as<double>();
    n.message = text_of(row[5]);
    out[index[row[0].c_str()]].nodes[row[1].c_str()] = std::move(n);
  }
  for (const auto& row : tx.exec(
           "select l.run_id, l.relation, l.status, coalesce(c.row_count, l.rows_loaded), l.seconds, l.message from " +
           s + ".loads l left join " + s + ".row_counts c on c.run_id = l.run_id and c.relation = l.relation "
           "where l.run_id in (values " + run_values + ") and l.relation in (values " + values_list(tx, relations) +
           ")")) {
    NodeInRun n;
    n.status = text_of(row[2]);
    if (!row[3].is_null()) n.row_count = row[3].as<int64_t>();
    if (!row[4].is_null()) n.seconds = row[4].as<double>();
    n.message = text_of(row[5]);
    out[index[row[0].c_str()]].nodes[row[1].c_str()] = std::move(n);
  }
  return out;
}

}  // namespace mrun::state
