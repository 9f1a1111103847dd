#include "graph/path_heights.h"

#include <algorithm>
#include <utility>

namespace mrun::graph {

std::vector<size_t> path_heights(const std::vector<std::vector<size_t>>& children) {
  const size_t n = children.size();
  std::vector<size_t> height(n, 0);
  enum class Mark : char { New, Open, Done };
  std::vector<Mark> mark(n, Mark::New);
  std::vector<std::pair<size_t, size_t>> stack;  // (node, next child to visit)
  for (size_t root = 0; root < n; ++root) {
    if (mark[root] != Mark::New) continue;
    stack.emplace_back(root, 0);
    mark[root] = Mark::Open;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < children[node].size()) {
        size_t child = children[node][next++];
        if (mark[child] == Mark::New) {
          mark[child] = Mark::Open;
          stack.emplace_back(child, 0);
        }
        continue;
      }
      size_t longest = 0;
      for (size_t child : children[node]) longest = std::max(longest, height[child]);
      height[node] = longest + 1;
      mark[node] = Mark::Done;
      stack.pop_back();
    }
  }
  return height;
}

}  // namespace mrun::graph
