#include "task/run_args.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "util/error.h"

using namespace mrun::task;

namespace {

// args as run_results.json holds them: written, then parsed back as text.
nlohmann::json written(DagCommand command, const CommonOptions& options, const DagFlags& flags, LoadStep load) {
  mrun::parse::Target target;
  target.name = "prod";
  target.threads = 6;
  return nlohmann::json::parse(run_args(command, options, flags, target, load).dump());
}

}  // namespace

TEST_CASE("the args of a build read back as the run they record") {
  CommonOptions options;
  options.select = {"stg_orders+", "tag:nightly"};
  options.exclude = {"orders"};
  options.vars = "{min_order_date: '2019-01-01'}";
  options.dataset_uri = "s3://drops/2024-05.zip";
  options.full_refresh = true;
  options.fail_fast = true;
  options.warn_error = true;
  DagFlags flags;
  flags.store_failures = true;
  nlohmann::json args = written(DagCommand::Build, options, flags, LoadStep::Failed);
  CHECK(args["which"] == "build");
  CHECK(args["load"] == "failed");
  CHECK(args["threads"] == 6);
  CHECK_FALSE(args.contains("unique_ids"));

  RecordedRun run = recorded_run(args, "target/run_results.json");
  CHECK(run.command == DagCommand::Build);
  CHECK(run.options.select == options.select);
  CHECK(run.options.exclude == options.exclude);
  CHECK(run.options.vars == options.vars);
  CHECK(run.options.dataset_uri == options.dataset_uri);
  CHECK(run.options.threads == 6);
  CHECK(run.options.full_refresh);
  CHECK(run.options.fail_fast);
  CHECK(run.options.warn_error);
  CHECK(run.flags.store_failures);
  CHECK_FALSE(run.flags.skip_load);
  CHECK(run.target == "prod");
  CHECK(run.load_failed);
  CHECK(recorded_run(written(DagCommand::Build, options, flags, LoadStep::Done), "f").load_failed == false);
}

TEST_CASE("a relative --dataset is recorded absolute, and a retry's unique ids are recorded") {
  CommonOptions options;
  options.dataset_uri = "drops/2024-05";
  DagFlags flags;
  flags.skip_load = true;
  flags.unique_ids = std::vector<std::string>{"model.p.a", "test.p.b"};
  nlohmann::json args = written(DagCommand::Build, options, flags, LoadStep::NotRun);
  CHECK(args["dataset"].get<std::string>().front() == '/');
  CHECK(args["unique_ids"] == nlohmann::json::array({"model.p.a", "test.p.b"}));
  CHECK(args["load"] == "not run");
  CHECK(recorded_run(args, "f").flags.skip_load);
}

TEST_CASE("args of other commands carry no load keys, and missing keys take their defaults") {
  nlohmann::json args = written(DagCommand::Test, CommonOptions{}, DagFlags{}, LoadStep::NotRun);
  CHECK_FALSE(args.contains("load"));
  CHECK(recorded_run(args, "f").command == DagCommand::Test);

  // run_results.json of an older mrun: dbt's keys only.
  RecordedRun old = recorded_run(nlohmann::json{{"which", "run"}, {"select", {"a"}}, {"vars", ""}}, "f");
  CHECK(old.command == DagCommand::Run);
  CHECK(old.options.select == std::vector<std::string>{"a"});
  CHECK(old.options.threads == 0);
  CHECK(old.target.empty());
  CHECK_FALSE(old.load_failed);
}

TEST_CASE("args that are not a DAG command's are config errors naming the file") {
  CHECK_THROWS_WITH(recorded_run(nlohmann::json{{"which", "ls"}}, "target/run_results.json"),
                    Catch::Contains("target/run_results.json: args.which is 'ls'"));
  CHECK_THROWS_AS(recorded_run(nlohmann::json::array(), "f"), mrun::ConfigError);
  CHECK_THROWS_WITH(recorded_run(nlohmann::json{{"which", "run"}, {"threads", "four"}}, "f"),
                    Catch::Contains("args.threads has the wrong type"));
}
