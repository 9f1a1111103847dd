// `mrun show MODEL [--limit N] [--unpublished]`: the first rows of a built
// model, as an aligned table (like dbt show), to look at results without
// psql; --unpublished: of its shadow that a run which did not publish left.
#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "task/list_task.h"
#include "task/project_session.h"
#include "db/connection.h"
#include "util/error.h"

namespace mrun::cli {

namespace {

void print_table(std::ostream& out, const pqxx::result& rows) {
  std::vector<size_t> width(static_cast<size_t>(rows.columns()));
  for (pqxx::row::size_type c = 0; c < rows.columns(); ++c) width[c] = std::string(rows.column_name(c)).size();
  for (const auto& row : rows)
    for (pqxx::row::size_type c = 0; c < rows.columns(); ++c)
      width[c] = std::max(width[c], std::string(row[c].is_null() ? "" : row[c].c_str()).size());
  auto line = [&](auto cell) {
    for (size_t c = 0; c < width.size(); ++c) {
      std::string text = cell(c);
      out << (c ? " | " : "") << text << std::string(width[c] - std::min(width[c], text.size()), ' ');
    }
    out << "\n";
  };
  line([&](size_t c) { return std::string(rows.column_name(static_cast<pqxx::row::size_type>(c))); });
  line([&](size_t c) { return std::string(width[c], '-'); });
  for (const auto& row : rows) {
    line([&](size_t c) {
      auto f = row[static_cast<pqxx::row::size_type>(c)];
      return f.is_null() ? std::string() : std::string(f.c_str());
    });
  }
}

}  // namespace

void register_show_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  static std::string model;
  static int limit = 10;
  static bool unpublished = false;
  auto* show = app.add_subcommand("show", "Print the first rows of a built model, seed or source table");
  show->add_option("model", model, "Model (or seed, or source table) name")->required();
  show->add_option("-l,--limit", limit, "Rows to print")->capture_default_str()->check(CLI::Range(0, 1000000));
  show->add_flag("--unpublished", unpublished,
                 "Show what the last run built but did not publish (its shadow, kept until the next run)");
  show->callback([&options, exit_code] {
    task::ProjectSession session(options);
    std::string relation = task::relation_of_node(session, options, model, unpublished);
    auto conn = db::connect(session.target().url);
    pqxx::nontransaction tx(*conn);
    std::cout << relation << "\n";
    print_table(std::cout, tx.exec("select * from " + relation + " limit " + std::to_string(limit)));
    *exit_code = kExitOk;
  });
}

}  // namespace mrun::cli
