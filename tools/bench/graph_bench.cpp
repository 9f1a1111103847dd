// Selection, ordering, build's test edges and manifest.json over a large generated manifest,
// each as a ratio to Manifest::link() on the same manifest (one O(N + E)
// pass with a hash lookup per edge), measured in the same run.
//   graph_bench [nodes=30000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>

#include "artifacts/manifest_json.h"
#include "graph/dag.h"
#include "graph/selector.h"
#include "graph/test_gates.h"
#include "graph/test_manifest.h"

using namespace mrun::graph;

namespace {

// Best of three runs, in milliseconds.
double best_ms(const std::function<void()>& work) {
  double best = 1e300;
  for (int i = 0; i < 3; ++i) {
    auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

std::string model_name(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "m%05d", i);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  const int models = argc > 1 ? std::atoi(argv[1]) : 30000;
  Manifest m;
  for (int i = 0; i < models; ++i) {
    std::vector<std::string> deps;
    if (i > 0) deps.push_back("model.movies." + model_name(i - 1));
    if (i > 100) deps.push_back("model.movies." + model_name(i - 100));
    m.add(testing::model(model_name(i), i % 2 ? "odd" : "even", deps, i % 10 == 0 ? "{tags: [tenth]}" : "{}"));
    if (i % 3 == 0) {
      m.add(testing::test("not_null_" + model_name(i) + "_id", "not_null", {"model.movies." + model_name(i)},
                          "models/schema.yml"));
    }
  }
  double reference = best_ms([&] { m.link(); });
  std::printf("nodes: %zu  reference Manifest::link: %.1f ms\n", m.nodes.size(), reference);
  auto report = [&](const char* what, const std::function<void()>& work) {
    double ms = best_ms(work);
    std::printf("%-44s %9.1f ms  %6.2fx link\n", what, ms, ms / reference);
  };
  report("topological_order", [&] { topological_order(m); });
  report("select_nodes (everything)", [&] { select_nodes(m, {}, {}); });
  report("select_nodes +last (all ancestors)", [&] { select_nodes(m, {"+" + model_name(models - 1)}, {}); });
  report("select_nodes @middle", [&] { select_nodes(m, {"@" + model_name(models / 2)}, {}); });
  report("select_nodes 'tag:tenth,odd m1*' --exclude even", [&] { select_nodes(m, {"tag:tenth,odd m1*"}, {"even"}); });
  auto everything = topological_order(m);
  report("test_gate_edges (not_null on every third)", [&] { test_gate_edges(m, everything); });
  // A relationships test on every tenth model, to the model 50 before: each
  // walks up over its ancestors (here every earlier model).
  Manifest related = m;
  for (int i = 50; i < models; i += 10) {
    related.add(testing::test("relationships_" + model_name(i), "relationships",
                              {"model.movies." + model_name(i), "model.movies." + model_name(i - 50)},
                              "models/schema.yml"));
  }
  related.link();
  auto related_order = topological_order(related);
  report("test_gate_edges (+ relationships every tenth)", [&] { test_gate_edges(related, related_order); });
  report("manifest_json + dump", [&] {
    mrun::artifacts::ManifestJsonInput input;
    mrun::artifacts::manifest_json_text(m, input);
  });
  return 0;
}
