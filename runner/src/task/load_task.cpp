#include "task/load_task.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "db/pg_connection.h"
#include "db/quote.h"
#include "exec/run_lock.h"
#include "graph/selector.h"
#include "load/dataset.h"
#include "load/copy/load_sql.h"
#include "load/loader.h"
#include "task/prepared_project.h"
#include "task/reuse_plan.h"
#include "util/error.h"
#include "util/interrupt.h"
#include "util/json_event.h"
#include "util/md5_digest.h"

namespace mrun::task {

namespace {

// Everything a load needs from the project and the command line.
struct LoadInputs {
  std::string url;          // database (libpq URI)
  std::string dataset_uri;  // where the files come from
  std::string cache_dir;    // download cache
  int threads = 4;
};

LoadInputs resolve_load_inputs(ProjectSession& session, const CommonOptions& options) {
  const auto& project = session.project();
  LoadInputs in;
  const project::ConfigValue uri = project.vars["dataset_uri"];
  if (!uri.is_scalar() || uri.text().empty())
    throw ConfigError(SourceLocation{project.file}, "no dataset_uri var: set vars.dataset_uri in " + project.file +
                                                        " or pass --vars '{dataset_uri: ...}'");
  in.dataset_uri = uri.text();
  // A relative local path is relative to the project, like every other project path.
  if (in.dataset_uri.find("://") == std::string::npos && std::filesystem::path(in.dataset_uri).is_relative())
    in.dataset_uri = (std::filesystem::path(project.root_dir) / in.dataset_uri).string();
  in.cache_dir = (std::filesystem::path(project.root_dir) / ".mrun" / "cache").string();
  in.threads = options.threads > 0 ? options.threads : 4;
  in.url = session.target().url;
  return in;
}

// What a file of the dataset is now, against the load behind its raw table.
struct FileCheck {
  const load::TableSpec* spec = nullptr;
  std::string relation;        // "schema"."identifier"
  std::string signature;       // the plain file's signature before the load
  std::string spec_fingerprint;
  state::PreviousLoad previous;
  bool unchanged = false;

  // The record of a file that was not loaded: the table keeps the previous load.
  state::LoadRecord unchanged_record() const {
    state::LoadRecord r = base();
    r.load_id = previous.load_id;
    r.status = "unchanged";
    r.committed = true;
    r.content_fingerprint = previous.content_fingerprint;
    r.rows_loaded = previous.rows_loaded;
    r.message = "unchanged since load " + previous.load_id;
    return r;
  }

  // The record of a file that was loaded (committed when the whole load was).
  // `staged_table`: the table it was staged as, published with the run (else "").
  state::LoadRecord loaded_record(const load::TableLoadResult& t, const load::LoadReport& report,
                                  const std::string& staged_table) const {
    state::LoadRecord r = base();
    r.load_id = report.load_id;
    r.status = t.ok ? "loaded" : "failed";
    r.committed = report.ok();
    r.built_relation = staged_table;
    r.size_bytes = static_cast<int64_t>(t.bytes);
    r.content_fingerprint = t.content_fingerprint;
    r.rows_read = t.read;
    r.rows_loaded = t.loaded;
    r.rows_rejected = t.rejected;
    r.seconds = t.seconds;
    r.message = t.ok ? "" : t.error;
    return r;
  }

 private:
  state::LoadRecord base() const {
    state::LoadRecord r;
    r.relation = relation;
    r.file = spec->load.file;
    r.file_signature = signature;
    r.spec_fingerprint = spec_fingerprint;
    return r;
  }
};

// Which files are what their raw tables were last loaded from (see
// run_load_task). `force`: none.
std::vector<FileCheck> check_files(const load::Dataset& dataset, const std::vector<load::TableSpec>& tables,
                                   RunRecord& record, bool force) {
  std::vector<FileCheck> checks;
  std::vector<std::string> relations;
  for (const load::TableSpec& t : tables) {
    FileCheck c;
    c.spec = &t;
    c.relation = db::qualified_name(t.schema, t.identifier);
    c.signature = dataset.file_signature(t.load.file);
    // A new mrun may load the same file differently.
    c.spec_fingerprint = md5_hex(load::spec_fingerprint(t) + " mrun " + MRUN_VERSION);
    relations.push_back(c.relation);
    checks.push_back(std::move(c));
  }
  auto [previous, oids] = record.with_store([&](state::RunStore& store) {
    return std::pair(store.previous_loads(), store.relation_oids(relations));
  });
  for (FileCheck& c : checks) {
    auto it = previous.find(c.relation);
    if (force || it == previous.end()) continue;
    c.previous = it->second;
    const state::PreviousLoad& p = c.previous;
    auto oid = oids.find(c.relation);
    bool same_table = oid != oids.end() && p.relation_oid && *p.relation_oid == oid->second;
    std::string known = dataset.known_fingerprint(c.spec->load.file);
    bool same_content = !p.content_fingerprint.empty() &&
                        ((!known.empty() && known == p.content_fingerprint) ||
                         (!c.signature.empty() && c.signature == p.file_signature));
    c.unchanged = same_table && same_content && p.spec_fingerprint == c.spec_fingerprint;
  }
  return checks;
}

}  // namespace

void drop_unpublished_loads(ProjectSession& session, const std::vector<load::TableSpec>& tables) {
  std::set<std::string> schemas;
  for (const load::TableSpec& t : tables) schemas.insert(t.schema);
  if (schemas.empty()) return;
  db::PgConnection connection(session.target().url);
  load::drop_staged_tables(connection, {schemas.begin(), schemas.end()});
}

int run_load_task(ProjectSession& session, const CommonOptions& options, const std::vector<load::TableSpec>& all_tables,
                  RunRecord& record, StagedSources* staged) {
  if (all_tables.empty())
    throw ConfigError(SourceLocation{session.project().file}, "no source table declares meta.file: nothing to load");
  LoadInputs in = resolve_load_inputs(session, options);
  InterruptGuard interrupt;
  bool terminal = isatty(STDERR_FILENO);
  bool json = options.log_format == "json";
  load::FetchOptions fetch;
  fetch.cache_dir = in.cache_dir;
  fetch.progress = terminal;
  auto started = std::chrono::steady_clock::now();
  std::unique_ptr<load::Dataset> dataset = load::open_dataset(in.dataset_uri, fetch);
  std::vector<FileCheck> checks = check_files(*dataset, all_tables, record, options.no_skip || options.full_refresh);
  std::vector<load::TableSpec> tables;
  std::vector<const FileCheck*> loading;  // the check of each of tables
  for (const FileCheck& check : checks) {
    if (!check.unchanged) {
      tables.push_back(*check.spec);
      loading.push_back(&check);
      continue;
    }
    record.load_finished(check.unchanged_record());
    std::string text = "load " + check.spec->load.file + ": unchanged since load " + check.previous.load_id + ", skipped";
    if (json) {
      std::cerr << json_event("load_skipped", {{"file", check.spec->load.file}, {"table", check.relation},
                                               {"load_id", check.previous.load_id}, {"message", text}})
                << "\n";
    } else {
      std::cerr << text << "\n";
    }
  }
  if (tables.empty()) {
    std::cerr << message_line("info", "load: every file is unchanged; nothing loaded (--no-skip loads them anyway)", json)
              << "\n";
    return kExitOk;
  }
  load::LoadOptions load_options;
  load_options.threads = in.threads;
  load_options.progress_bar = terminal;
  load_options.json_log = json;
  load_options.publish = staged == nullptr;
  load::LoadReport report = load::load_tables(in.url, *dataset, tables, load_options);
  if (report.staged) {
    staged->load.tables = tables;
    staged->load.load_id = report.load_id;
    for (const load::TableLoadResult& t : report.tables) staged->load.streams.push_back(t.streams);
  }
  for (size_t i = 0; i < report.tables.size(); ++i) {
    const FileCheck& check = *loading[i];
    std::string staged_table = report.staged ? staged->load.new_tables(i).staged_table() : "";
    if (report.staged)
      staged->versions[check.relation] =
          loaded_source_version(report.tables[i].content_fingerprint, check.spec_fingerprint);
    record.load_finished(check.loaded_record(report.tables[i], report, staged_table));
  }
  int64_t read = 0, loaded = 0, rejected = 0;
  for (const auto& t : report.tables) {
    read += t.read;
    loaded += t.loaded;
    rejected += t.rejected;
  }
  for (const auto& t : report.tables)
    for (const std::string& w : t.warnings) std::cerr << message_line("warning", w, load_options.json_log) << "\n";
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string rejects_query = "select * from raw.load_rejects where load_id = '" + report.load_id + "'";
  size_t failed = std::count_if(report.tables.begin(), report.tables.end(), [](const auto& t) { return !t.ok; });
  std::string outcome =
      report.staged  ? "load staged: " + std::to_string(report.tables.size()) +
                          " raw tables, published with the run's models when the run passes"
      : report.ok() ? "load committed: " + std::to_string(report.tables.size()) + " raw tables replaced in one transaction"
                  : (report.interrupted ? "interrupted: the load was cancelled"
                                        : "load failed: " + std::to_string(failed) + " of " +
                                              std::to_string(report.tables.size()) + " files") +
                        "; nothing committed: every raw table keeps its previous contents";
  if (load_options.json_log) {
    nlohmann::ordered_json fields{{"ok", report.ok()},   {"files", report.tables.size()}, {"read", read},
                                  {"loaded", loaded},    {"rejected", rejected},          {"seconds", seconds},
                                  {"load_id", report.load_id}, {"committed", report.published}, {"staged", report.staged},
                                  {"interrupted", report.interrupted}, {"outcome", outcome}};
    if (rejected > 0) fields["rejects_query"] = rejects_query;
    std::cerr << json_event("load_finished", fields) << "\n";
    return report.exit_code();
  }
  char line[256];
  std::snprintf(line, sizeof line, "load %s: %zu files, read %lld loaded %lld rejected %lld in %.1fs (load_id %s)",
                report.ok() ? "done" : "FAILED", report.tables.size(), static_cast<long long>(read),
                static_cast<long long>(loaded), static_cast<long long>(rejected), seconds, report.load_id.c_str());
  std::cerr << line << "\n" << outcome << "\n";
  if (rejected > 0)
    std::cerr << "rejected records are in <schema>.load_rejects (" << rejects_query << ")\n";
  return report.exit_code();
}

// The load step of `mrun build`: every loadable source table on a full
// build; with --select, only the source tables the selection names.
int load_selected_sources(ProjectSession& session, const CommonOptions& options, const parse::ParsedProject& parsed,
                          RunRecord& record, StagedSources* staged) {
  std::vector<load::TableSpec> tables = load::loadable_tables(parsed.schema_files);
  if (!options.select.empty()) {
    graph::SelectOptions sources_only;
    sources_only.resource_types = {graph::NodeKind::Source};
    std::set<std::pair<std::string, std::string>> selected;
    for (size_t i : graph::select_nodes(parsed.manifest, options.select, options.exclude, sources_only)) {
      selected.emplace(parsed.manifest.nodes[i].source_name, parsed.manifest.nodes[i].name);
    }
    std::erase_if(tables, [&](const load::TableSpec& t) { return !selected.count({t.source, t.name}); });
  }
  if (tables.empty()) return kExitOk;
  return run_load_task(session, options, tables, record, staged);
}

int load_project_sources(ProjectSession& session, const CommonOptions& options) {
  PreparedProject& p = prepare_project(session, options, true);
  std::vector<load::TableSpec> tables = load::loadable_tables(p.parsed.schema_files);
  // Loads replace raw tables: never at the same time as another run.
  exec::RunLock lock(session.target().url, session.project().name);
  drop_unpublished_loads(session, tables);
  std::unique_ptr<RunRecord> record =
      start_run_record(session, p.context->settings().invocation_id, "load", nlohmann::json{{"which", "load"}}.dump());
  int exit_code = run_load_task(session, options, tables, *record);
  record->finish(exit_code);
  return exit_code;
}

}  // namespace mrun::task
