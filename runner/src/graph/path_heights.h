// How much of a run waits on each node: the number of nodes on the longest
// path from it to the end of the run's edges. The scheduler (exec/
// scheduler.h) starts the ready node with the longest such path first, the
// classic list-scheduling rule that keeps the chain deciding a run's length
// moving.
#pragma once

#include <cstddef>
#include <vector>

namespace mrun::graph {

/// For each node of the graph `children` (node -> the nodes that wait for
/// it), the number of nodes on the longest path from it to a node nothing
/// waits for, itself included (1 for such a node). Nodes in a cycle count
/// their path up to the cycle (the scheduler stops such a run anyway).
std::vector<size_t> path_heights(const std::vector<std::vector<size_t>>& children);

}  // namespace mrun::graph
