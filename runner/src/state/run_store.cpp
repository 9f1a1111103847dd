#include "state/run_store.h"

#include "db/connection.h"
#include "db/quote.h"
#include "state/state_schema.h"

namespace mrun::state {

namespace {

// NULL for an empty string: timestamps and fingerprints that are not known.
std::optional<std::string> text_or_null(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<uint32_t> oid_or_null(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<uint32_t>();
}

std::optional<int64_t> int_or_null(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int64_t>();
}

std::string text_of(const pqxx::field& f) { return f.is_null() ? "" : f.c_str(); }

// A run (r) whose changes readers see: built in place, or an atomic run that published.
const std::string kPublishedRun = "(r.publish is distinct from 'atomic' or r.published_at is not null)";

}  // namespace

RunStore::RunStore(const std::string& url, std::string schema, std::string project)
    : conn_(db::connect(url)),
      schema_(std::move(schema)),
      quoted_(db::quote_identifier(schema_)),
      project_(std::move(project)) {
  ensure_state_schema(*conn_, schema_);
}

RunStore::~RunStore() = default;

void RunStore::begin_run(const RunStart& run) {
  pqxx::work tx(*conn_);
  tx.exec_params("insert into " + quoted_ +
                     ".runs (run_id, project, command, args, target, started_at, status, dataset_uri, as_of, "
                     "mrun_version, publish) values ($1, $2, $3, $4::jsonb, $5, clock_timestamp(), 'running', $6, "
                     "$7::date, $8, $9)",
                 run.run_id, project_, run.command, run.args_json.empty() ? "{}" : run.args_json,
                 text_or_null(run.target), text_or_null(run.dataset_uri), text_or_null(run.as_of),
                 run.mrun_version, text_or_null(run.publish));
  tx.commit();
}

void RunStore::finish_run(const std::string& run_id, const std::string& status, int exit_code) {
  pqxx::work tx(*conn_);
  tx.exec_params("update " + quoted_ +
                     ".runs set finished_at = clock_timestamp(), status = $2, exit_code = $3, "
                     "dataset_fingerprint = (select md5(string_agg(relation || '=' || "
                     "coalesce(content_fingerprint, ''), ',' order by relation)) from " + quoted_ +
                     ".loads where run_id = $1 and committed) where run_id = $1",
                 run_id, status, exit_code);
  tx.commit();
}

void RunStore::record_node(const std::string& run_id, const NodeRecord& node) {
  pqxx::work tx(*conn_);
  tx.exec_params(
      "insert into " + quoted_ +
          ".node_results (run_id, unique_id, resource_type, name, status, message, rows_affected, failures, "
          "execution_seconds, started_at, completed_at, fingerprint, relation, relation_oid) values ($1, $2, $3, "
          "$4, $5, $6, $7, $8, $9, $10::timestamptz, $11::timestamptz, $12, $13, "
          "case when $13::text is null then null else to_regclass(coalesce($14::text, $13::text))::oid end) "
          "on conflict (run_id, unique_id) do update set status = excluded.status, message = excluded.message, "
          "rows_affected = excluded.rows_affected, failures = excluded.failures, "
          "execution_seconds = excluded.execution_seconds, started_at = excluded.started_at, "
          "completed_at = excluded.completed_at, fingerprint = excluded.fingerprint, "
          "relation = excluded.relation, relation_oid = excluded.relation_oid",
      run_id, node.unique_id, node.resource_type, node.name, node.status, text_or_null(node.message),
      node.rows_affected, node.failures, node.execution_seconds, text_or_null(node.started_at),
      text_or_null(node.completed_at), text_or_null(node.fingerprint), text_or_null(node.relation),
      text_or_null(node.built_relation));
  if (node.row_count && !node.relation.empty()) {
    tx.exec_params("insert into " + quoted_ +
                       ".row_counts (run_id, relation, unique_id, row_count) values ($1, $2, $3, $4) "
                       "on conflict (run_id, relation) do update set row_count = excluded.row_count",
                   run_id, node.relation, node.unique_id, *node.row_count);
  }
  tx.commit();
}

void RunStore::record_load(const std::string& run_id, const LoadRecord& load) {
  pqxx::work tx(*conn_);
  tx.exec_params(
      "insert into " + quoted_ +
          ".loads (run_id, load_id, relation, file, status, committed, size_bytes, file_signature, "
          "content_fingerprint, spec_fingerprint, relation_oid, rows_read, rows_loaded, rows_rejected, seconds, "
          "message) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
          "case when $6 then to_regclass(coalesce($16::text, $3::text))::oid end, $11, $12, $13, $14, $15) "
          "on conflict (run_id, relation) do update set load_id = excluded.load_id, status = excluded.status, "
          "committed = excluded.committed, size_bytes = excluded.size_bytes, "
          "file_signature = excluded.file_signature, content_fingerprint = excluded.content_fingerprint, "
          "spec_fingerprint = excluded.spec_fingerprint, relation_oid = excluded.relation_oid, "
          "rows_read = excluded.rows_read, rows_loaded = excluded.rows_loaded, "
          "rows_rejected = excluded.rows_rejected, seconds = excluded.seconds, message = excluded.message",
      run_id, load.load_id, load.relation, load.file, load.status, load.committed, load.size_bytes,
      text_or_null(load.file_signature), text_or_null(load.content_fingerprint),
      text_or_null(load.spec_fingerprint), load.rows_read, load.rows_loaded, load.rows_rejected, load.seconds,
      text_or_null(load.message), text_or_null(load.built_relation));
  if (load.committed && load.rows_loaded) {
    tx.exec_params("insert into " + quoted_ +
                       ".row_counts (run_id, relation, row_count) values ($1, $2, $3) "
                       "on conflict (run_id, relation) do update set row_count = excluded.row_count",
                   run_id, load.relation, *load.rows_loaded);
  }
  tx.commit();
}

std::map<std::string, PreviousBuild> RunStore::previous_builds() {
  pqxx::read_transaction tx(*conn_);
  std::map<std::string, PreviousBuild> out;
  for (const auto& row : tx.exec_params(
           "select distinct on (n.unique_id) n.unique_id, n.run_id, n.status, n.fingerprint, n.relation, "
           "n.relation_oid, n.rows_affected, c.row_count, n.failures, n.message from " + quoted_ + ".node_results n join " + quoted_ +
               ".runs r using (run_id) left join " + quoted_ +
               ".row_counts c on c.run_id = n.run_id and c.relation = n.relation "
               "where r.project = $1 and n.status <> 'skipped' and " + kPublishedRun + " "
               "order by n.unique_id, n.completed_at desc nulls last, r.started_at desc",
           project_)) {
    PreviousBuild b;
    b.run_id = text_of(row[1]);
    b.status = text_of(row[2]);
    b.fingerprint = text_of(row[3]);
    b.relation = text_of(row[4]);
    b.relation_oid = oid_or_null(row[5]);
    b.rows_affected = int_or_null(row[6]);
    b.row_count = int_or_null(row[7]);
    b.failures = int_or_null(row[8]);
    b.message = text_of(row[9]);
    out.emplace(row[0].c_str(), std::move(b));
  }
  return out;
}

std::map<std::string, PreviousLoad> RunStore::previous_loads() {
  pqxx::read_transaction tx(*conn_);
  std::map<std::string, PreviousLoad> out;
  for (const auto& row : tx.exec_params(
           "select distinct on (l.relation) l.relation, l.run_id, l.load_id, l.file_signature, "
           "l.content_fingerprint, l.spec_fingerprint, l.relation_oid, l.rows_loaded from " + quoted_ +
               ".loads l join " + quoted_ +
               ".runs r using (run_id) where r.project = $1 and l.committed and " + kPublishedRun + " "
               "order by l.relation, l.recorded_at desc",
           project_)) {
    PreviousLoad l;
    l.run_id = text_of(row[1]);
    l.load_id = text_of(row[2]);
    l.file_signature = text_of(row[3]);
    l.content_fingerprint = text_of(row[4]);
    l.spec_fingerprint = text_of(row[5]);
    l.relation_oid = oid_or_null(row[6]);
    l.rows_loaded = int_or_null(row[7]);
    out.emplace(row[0].c_str(), std::move(l));
  }
  return out;
}

std::map<std::string, LastLoad> RunStore::last_loads() {
  pqxx::read_transaction tx(*conn_);
  std::map<std::string, LastLoad> out;
  for (const auto& row : tx.exec_params(
           "select l.relation, to_char(max(l.recorded_at) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
           "extract(epoch from now() - max(l.recorded_at))::float8 from " + quoted_ + ".loads l join " + quoted_ +
               ".runs r using (run_id) where r.project = $1 and l.committed and l.status = 'loaded' and " +
               kPublishedRun + " group by l.relation",
           project_))
    out.emplace(row[0].c_str(), LastLoad{row[1].c_str(), row[2].as<double>()});
  return out;
}

std::map<std::string, std::vector<RecordedRowCount>> RunStore::row_count_history(int runs) {
  pqxx::read_transaction tx(*conn_);
  std::map<std::string, std::vector<RecordedRowCount>> out;
  for (const auto& row : tx.exec_params(
           "select relation, run_id, day, row_count from (select c.relation, c.run_id, c.row_count, "
           "to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD') as day, row_number() over "
           "(partition by c.relation order by r.started_at desc, c.run_id desc) as newest from " + quoted_ +
               ".row_counts c join " + quoted_ +
               ".runs r using (run_id) where r.project = $1 and r.status = 'success') h "
               "where newest <= $2 order by relation, newest",
           project_, runs)) {
    out[row[0].c_str()].push_back(RecordedRowCount{text_of(row[1]), text_of(row[2]), row[3].as<int64_t>()});
  }
  return out;
}

std::map<std::string, LoadNumbers> RunStore::published_load_numbers(const std::string& current_run) {
  pqxx::read_transaction tx(*conn_);
  std::map<std::string, LoadNumbers> out;
  for (const auto& row : tx.exec_params(
           "select distinct on (l.relation) l.relation, l.run_id, l.load_id, l.rows_read, "
           "coalesce(l.rows_rejected, 0), l.rows_loaded from " + quoted_ + ".loads l join " + quoted_ +
               ".runs r using (run_id) where r.project = $1 and l.committed and l.status = 'loaded' "
               "and l.rows_read is not null and (" + kPublishedRun + " or r.run_id = $2) "
               "order by l.relation, l.recorded_at desc",
           project_, current_run)) {
    out.emplace(row[0].c_str(), LoadNumbers{text_of(row[1]), text_of(row[2]), row[3].as<int64_t>(),
                                            row[4].as<int64_t>(), int_or_null(row[5])});
  }
  return out;
}

std::string RunStore::newest_published_as_of() {
  pqxx::read_transaction tx(*conn_);
  pqxx::row row = tx.exec_params1("select max(as_of)::text from " + quoted_ +
                                      ".runs where project = $1 and status = 'success'",
                                  project_);
  return text_of(row[0]);
}

std::string RunStore::mark_published_sql(const std::string& run_id) const {
  return "update " + quoted_ + ".runs set published_at = clock_timestamp() where run_id = " + db::quote_literal(run_id);
}

std::map<std::string, uint32_t> RunStore::relation_oids(const std::vector<std::string>& relations) {
  std::map<std::string, uint32_t> out;
  if (relations.empty()) return out;
  pqxx::read_transaction tx(*conn_);
  std::string values;
  for (const std::string& r : relations) values += (values.empty() ? "(" : ", (") + tx.quote(r) + ")";
  for (const auto& row : tx.exec("select r, to_regclass(r)::oid from (values " + values + ") v(r)")) {
    if (!row[1].is_null()) out.emplace(row[0].c_str(), row[1].as<uint32_t>());
  }
  return out;
}

}  // namespace mrun::state
