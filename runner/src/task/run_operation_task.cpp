#include "task/run_operation_task.h"

#include <regex>

#include "exec/run_lock.h"
#include "parse/config_value_jinja.h"
#include "parse/introspection.h"
#include "project/config_text.h"
#include "task/prepared_project.h"
#include "util/closest_name.h"
#include "util/error.h"

namespace mrun::task {

namespace {

// The keyword arguments of --args as Jinja text: `**{'k': 'v'}` (a dict's
// repr is a Jinja literal), or "" for none.
std::string keyword_arguments(const std::string& args) {
  if (args.empty()) return "";
  project::ConfigValue value = project::parse_config_text(args, "--args");
  if (value.is_null()) return "";
  if (!value.is_map()) throw ConfigError("--args must be a YAML mapping of the macro's arguments, e.g. '{name: value}'");
  return "**" + parse::template_value(value).repr();
}

void check_macro(const parse::DbtContext& context, const std::string& macro) {
  static const std::regex kName("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  if (!std::regex_match(macro, kName)) throw ConfigError("run-operation: '" + macro + "' is not a macro name");
  if (macro.find('.') != std::string::npos || context.has_macro(macro)) return;
  std::string closest = closest_name(macro, context.macro_names());
  throw ConfigError("run-operation: no macro named '" + macro + "'" +
                    (closest.empty() ? "" : " (did you mean '" + closest + "'?)"));
}

}  // namespace

int run_operation(ProjectSession& session, const CommonOptions& options, const RunOperationRequest& request) {
  PreparedProject& p = prepare_project(session, options, true);
  check_macro(*p.context, request.macro);
  std::string call = "{% do " + request.macro + "(" + keyword_arguments(request.args) + ") %}";
  exec::RunLock lock(session.target().url, session.project().name);
  pqxx::connection& conn = lock.connection();

  graph::Node op;
  op.name = request.macro;
  op.unique_id = "macro." + p.context->project().name + "." + request.macro;
  op.path = "<run-operation " + request.macro + ">";
  parse::NodeRender render;
  render.node = &op;
  render.phase = parse::RenderPhase::Execute;
  auto tmpl = p.context->parse(call, op.path);

  parse::QueryScope queries(conn);
  pqxx::nontransaction(conn).exec("begin");
  try {
    p.context->render(*tmpl, render);
    pqxx::nontransaction(conn).exec("commit");
  } catch (...) {
    try {
      pqxx::nontransaction(conn).exec("rollback");
    } catch (const std::exception&) {
      // The connection is gone: the server rolled back.
    }
    throw;
  }
  return kExitOk;
}

}  // namespace mrun::task
