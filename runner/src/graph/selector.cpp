#include "graph/selector.h"

#include <fnmatch.h>

#include <algorithm>
#include <unordered_map>
#include <charconv>
#include <utility>

#include "graph/dag.h"
#include "util/strings.h"

namespace mrun::graph {

namespace {

using Mask = std::vector<char>;

// dbt's methods this runner implements, and the ones it knows but cannot
// serve (they need state, results or resource types mrun does not have).
const std::vector<std::string_view> kMethods = {"fqn",           "path",    "file",   "tag",       "source",
                                                "resource_type", "package", "config", "test_type", "test_name"};
const std::vector<std::string_view> kUnsupportedMethods = {
    "state",  "result",    "exposure", "metric",        "semantic_model", "saved_query",
    "group",  "access",    "version",  "source_status", "unit_test",      "wildcard"};
// dbt resource types without an mrun counterpart: `resource_type:` selects none of them.
const std::vector<std::string_view> kOtherResourceTypes = {
    "analysis", "operation", "exposure", "metric", "semantic_model",
    "saved_query", "sql_operation", "rpc", "doc", "macro", "group"};

bool contains(const std::vector<std::string_view>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Unix shell-style match as Python's fnmatch: '*' also matches '/' and '.'.
bool glob(const std::string& pattern, const std::string& text) {
  return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}
// pathlib-style match: '*' stays within one path segment.
bool path_glob(const std::string& pattern, const std::string& text) {
  return ::fnmatch(pattern.c_str(), text.c_str(), FNM_PATHNAME) == 0;
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?[]") != std::string_view::npos; }

// dbt's is_selected_node: the selector is the node name, or a dotted prefix
// of the fqn whose first wildcard part globs the rest.
bool fqn_matches(const std::vector<std::string>& fqn, size_t from, const std::vector<std::string>& parts,
                 const std::string& selector) {
  if (fqn.size() <= from) return false;
  if (fqn.back() == selector) return true;
  std::vector<std::string> flat;
  for (size_t i = from; i < fqn.size(); ++i)
    for (auto& piece : split(fqn[i], '.')) flat.push_back(std::move(piece));
  if (flat.size() < parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (has_wildcard(parts[i])) {
      std::vector<std::string> rest_parts(parts.begin() + static_cast<std::ptrdiff_t>(i), parts.end());
      std::vector<std::string> rest_fqn(flat.begin() + static_cast<std::ptrdiff_t>(i), flat.end());
      return glob(join(rest_parts, "."), join(rest_fqn, "."));
    }
    if (flat[i] != parts[i]) return false;
  }
  return true;
}

std::string normalize_path(std::string p) {
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

// dbt's path method: the file itself or any folder above it.
bool path_matches(const std::string& file, const std::string& pattern) {
  std::string f = normalize_path(file);
  if (f.empty()) return false;
  if (path_glob(pattern, f)) return true;
  for (size_t slash = f.rfind('/'); slash != std::string::npos && slash > 0; slash = f.rfind('/', slash - 1)) {
    if (path_glob(pattern, f.substr(0, slash))) return true;
  }
  return false;
}

std::string base_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_yaml_true(const std::string& s) {
  std::string l = to_lower(s);
  return l == "true" || l == "yes" || l == "on";
}
bool is_yaml_false(const std::string& s) {
  std::string l = to_lower(s);
  return l == "false" || l == "no" || l == "off";
}

// dbt's config comparison: list membership, map key, or scalar equality
// (booleans compared as booleans; severity without case).
bool scalar_equals(const std::string& value, const std::string& wanted, bool ignore_case) {
  if (value == wanted) return true;
  if (ignore_case && to_lower(value) == to_lower(wanted)) return true;
  return (is_yaml_true(value) && is_yaml_true(wanted)) || (is_yaml_false(value) && is_yaml_false(wanted));
}

bool config_matches(const Node& node, const std::vector<std::string>& keys, const std::string& wanted) {
  const std::string& first = keys.front();
  const bool ignore_case = keys.size() == 1 && first == "severity";
  if (keys.size() == 1 && first == "materialized") {
    return node.kind != NodeKind::Source && node.materialized() == wanted;
  }
  if (keys.size() == 1 && first == "enabled") return scalar_equals(node.enabled() ? "true" : "false", wanted, false);
  project::ConfigValue value = node.config.get(first);
  for (size_t i = 1; i < keys.size() && !value.is_null(); ++i) value = value[keys[i]];
  if (value.is_null()) return false;
  if (value.is_list()) {
    for (const auto& item : value.items())
      if (item.is_scalar() && scalar_equals(item.text(), wanted, ignore_case)) return true;
    return false;
  }
  if (value.is_map()) return value.find(wanted) != nullptr;
  return scalar_equals(value.text(), wanted, ignore_case);
}

int parse_depth(std::string_view digits) {
  if (digits.empty()) return -1;
  int depth = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), depth);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return -1;  // absurdly deep: unlimited
  return depth;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

// A selection as dbt keeps it: nodes chosen directly, and tests that wait
// for all their parents to show up (cautious/buildable modes).
struct Picked {
  Mask direct;
  Mask indirect;
};

class Selection {
 public:
  Selection(const Manifest& m, IndirectSelection mode) : m_(m), mode_(mode), enabled_(m.nodes.size()) {
    for (size_t i = 0; i < m.nodes.size(); ++i) {
      enabled_[i] = m.nodes[i].enabled();
      if (m.nodes[i].kind == NodeKind::UnitTest) unit_tests_[m.find(m.nodes[i].test.attached_node)].push_back(i);
    }
  }

  /// Every enabled node.
  Picked everything() const { return {enabled_, Mask(enabled_.size(), 0)}; }

  /// dbt's parse_union: words of every argument, each an intersection.
  Picked union_of(const std::vector<std::string>& args, IndirectSelection mode) const {
    std::vector<Picked> words;
    for (const auto& arg : args) {
      for (const auto& word : split(arg, ' ')) {
        std::string w(trim(word));
        if (w.empty()) continue;
        std::vector<Picked> criteria;
        for (const auto& part : split(w, ',')) criteria.push_back(criterion(parse_criterion(part), mode));
        words.push_back(combine(criteria, /*all=*/true, mode));
      }
    }
    return combine(words, /*all=*/false, mode);
  }

  /// `include` without `exclude` (dbt's SelectionDifference).
  Picked difference(const Picked& include, const Picked& exclude) const {
    const size_t n = enabled_.size();
    Picked out{Mask(n, 0), Mask(n, 0)};
    for (size_t i = 0; i < n; ++i) {
      out.direct[i] = include.direct[i] && !exclude.direct[i];
      out.indirect[i] = (include.direct[i] || include.indirect[i]) && !(exclude.direct[i] || exclude.indirect[i]);
    }
    incorporate(out, mode_);
    return out;
  }

 private:
  // Intersection (all) or union (!all) of the parts, then cautious tests
  // whose parents are now all present join.
  Picked combine(const std::vector<Picked>& parts, bool all, IndirectSelection mode) const {
    const size_t n = enabled_.size();
    Picked out{Mask(n, all && !parts.empty()), Mask(n, all && !parts.empty())};
    for (const auto& p : parts) {
      for (size_t i = 0; i < n; ++i) {
        char d = p.direct[i];
        char any = p.direct[i] || p.indirect[i];
        out.direct[i] = all ? (out.direct[i] && d) : (out.direct[i] || d);
        out.indirect[i] = all ? (out.indirect[i] && any) : (out.indirect[i] || any);
      }
    }
    incorporate(out, mode);
    return out;
  }

  // dbt's incorporate_indirect_nodes.
  void incorporate(Picked& p, IndirectSelection mode) const {
    if (mode != IndirectSelection::Cautious && mode != IndirectSelection::Buildable) return;
    Mask allowed = mode == IndirectSelection::Buildable ? selected_and_parents(p.direct) : p.direct;
    for (size_t i = 0; i < p.direct.size(); ++i) {
      if (p.indirect[i] && !p.direct[i] && all_parents_in(i, allowed)) p.direct[i] = 1;
    }
  }

  bool all_parents_in(size_t node, const Mask& set) const {
    return std::all_of(m_.parents[node].begin(), m_.parents[node].end(), [&](size_t p) { return set[p] != 0; });
  }

  Mask selected_and_parents(const Mask& selected) const {
    Mask out = reachable(m_, indexes(selected), Direction::Parents, -1, &enabled_);
    for (size_t i = 0; i < out.size(); ++i)
      out[i] = out[i] || selected[i] || m_.nodes[i].kind == NodeKind::Source;
    return out;
  }

  static std::vector<size_t> indexes(const Mask& mask) {
    std::vector<size_t> out;
    for (size_t i = 0; i < mask.size(); ++i)
      if (mask[i]) out.push_back(i);
    return out;
  }

  // dbt's get_nodes_from_criteria: match, add graph neighbours, add tests.
  Picked criterion(const SelectionCriterion& c, IndirectSelection mode) const {
    Mask selected = match(c);
    std::vector<size_t> matched = indexes(selected);
    auto add = [&](const Mask& more) {
      for (size_t i = 0; i < more.size(); ++i) selected[i] = selected[i] || more[i];
    };
    if (c.childrens_parents) {
      Mask down = reachable(m_, matched, Direction::Children, -1, &enabled_);
      for (size_t i = 0; i < down.size(); ++i) down[i] = down[i] || selected[i];
      add(down);
      add(reachable(m_, indexes(down), Direction::Parents, -1, &enabled_));
    }
    if (c.parents) add(reachable(m_, matched, Direction::Parents, c.parents_depth, &enabled_));
    if (c.children) add(reachable(m_, matched, Direction::Children, c.children_depth, &enabled_));
    return expand_tests(selected, mode);
  }

  // dbt's expand_selection: tests that hang off the selected nodes.
  Picked expand_tests(const Mask& selected, IndirectSelection mode) const {
    const size_t n = selected.size();
    Picked out{selected, Mask(n, 0)};
    if (mode == IndirectSelection::Empty) return out;
    Mask buildable_base = mode == IndirectSelection::Buildable ? selected_and_parents(selected) : Mask();
    Mask seen(n, 0);
    for (size_t u = 0; u < n; ++u) {
      if (!selected[u]) continue;
      // A model's unit tests come with it (they hang off the model, not its inputs).
      for (size_t t : unit_tests_of(u))
        if (enabled_[t]) out.direct[t] = 1;
      for (size_t t : m_.children[u]) {
        if (seen[t] || !enabled_[t] || m_.nodes[t].kind != NodeKind::Test) continue;
        seen[t] = 1;
        if (mode == IndirectSelection::Eager || all_parents_in(t, selected) ||
            (mode == IndirectSelection::Buildable && all_parents_in(t, buildable_base))) {
          out.direct[t] = 1;
        } else {
          out.indirect[t] = 1;
        }
      }
    }
    return out;
  }

  // The unit tests of model `index`.
  const std::vector<size_t>& unit_tests_of(size_t index) const {
    static const std::vector<size_t> none;
    auto it = unit_tests_.find(index);
    return it == unit_tests_.end() ? none : it->second;
  }

  Mask match(const SelectionCriterion& c) const {
    const size_t n = m_.nodes.size();
    Mask out(n, 0);
    const std::string& v = c.value;
    std::vector<std::string> parts = split(v, '.');
    std::string path_pattern = normalize_path(v);
    std::vector<std::string> source_parts;
    if (c.method == "source") {
      // [package, source, table]; parts not given match anything.
      if (parts.size() == 1) source_parts = {"*", parts[0], "*"};
      if (parts.size() == 2) source_parts = {"*", parts[0], parts[1]};
      if (parts.size() == 3) source_parts = parts;
      if (source_parts.empty()) {
        throw ConfigError("invalid source selector 'source:" + v +
                          "': use source_name, source_name.table_name or package.source_name.table_name");
      }
    }
    if (c.method == "test_type" && v != "generic" && v != "schema" && v != "singular" && v != "data" && v != "unit") {
      throw ConfigError("invalid test_type selector '" + v + "': expected generic, singular, unit or data");
    }
    const bool other_resource_type = c.method == "resource_type" && contains(kOtherResourceTypes, v);
    const NodeKind wanted_kind =
        (c.method == "resource_type" && !other_resource_type) ? parse_resource_type(v) : NodeKind::Model;

    for (size_t i = 0; i < n; ++i) {
      if (!enabled_[i]) continue;
      const Node& node = m_.nodes[i];
      bool hit = false;
      if (c.method == "fqn") {
        // dbt's fqn method skips sources; a glob on the bare name is mrun's
        // addition so `stg_*` finds models in sub folders too.
        hit = node.kind != NodeKind::Source &&
              (fqn_matches(node.fqn, 0, parts, v) || fqn_matches(node.fqn, 1, parts, v) ||
               (parts.size() == 1 && has_wildcard(v) && glob(v, node.name)));
      } else if (c.method == "path") {
        hit = path_matches(node.original_file_path, path_pattern) || path_matches(node.path, path_pattern);
      } else if (c.method == "file") {
        std::string base = base_name(node.original_file_path);
        size_t dot = base.rfind('.');
        hit = glob(v, base) || (dot != std::string::npos && glob(v, base.substr(0, dot)));
      } else if (c.method == "tag") {
        for (const auto& tag : node.tags()) hit = hit || glob(v, tag);
      } else if (c.method == "source") {
        hit = node.kind == NodeKind::Source && glob(source_parts[0], node.package) &&
              glob(source_parts[1], node.source_name) && glob(source_parts[2], node.name);
      } else if (c.method == "resource_type") {
        hit = !other_resource_type && node.kind == wanted_kind;
      } else if (c.method == "package") {
        hit = glob(v, node.package);
      } else if (c.method == "config") {
        hit = config_matches(node, c.method_args, v);
      } else if (c.method == "test_type") {
        bool generic = !node.test.test_name.empty();
        hit = (node.kind == NodeKind::Test &&
               (v == "data" || ((v == "generic" || v == "schema") && generic) || (v == "singular" && !generic))) ||
              (node.kind == NodeKind::UnitTest && v == "unit");
      } else if (c.method == "test_name") {
        hit = node.kind == NodeKind::Test && !node.test.test_name.empty() && glob(v, node.test.test_name);
      }
      out[i] = hit;
    }
    return out;
  }

  const Manifest& m_;
  IndirectSelection mode_;
  Mask enabled_;
  std::unordered_map<size_t, std::vector<size_t>> unit_tests_;  ///< model index -> its unit tests
};

}  // namespace

SelectionCriterion parse_criterion(std::string_view text) {
  const std::string whole(text);
  SelectionCriterion c;
  size_t begin = 0, end = text.size();
  if (begin < end && text[begin] == '@') {
    c.childrens_parents = true;
    ++begin;
  }
  size_t digits = begin;
  while (digits < end && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits < end && text[digits] == '+') {
    c.parents = true;
    c.parents_depth = parse_depth(text.substr(begin, digits - begin));
    begin = digits + 1;
  }
  size_t tail = end;
  while (tail > begin && text[tail - 1] >= '0' && text[tail - 1] <= '9') --tail;
  if (tail > begin && text[tail - 1] == '+') {
    c.children = true;
    c.children_depth = parse_depth(text.substr(tail, end - tail));
    end = tail - 1;
  }
  if (c.childrens_parents && c.parents) {
    throw ConfigError("invalid selector '" + whole + "': the '@' and '+' prefixes cannot be combined");
  }
  std::string_view body = text.substr(begin, end - begin);
  size_t colon = body.find(':');
  bool has_method = colon != std::string_view::npos && colon > 0 &&
                    std::all_of(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(colon), is_word_char);
  c.value = std::string(has_method ? body.substr(colon + 1) : body);
  if (c.value.empty()) throw ConfigError("invalid selector '" + whole + "': nothing to select");
  if (has_method) {
    std::vector<std::string> method = split(body.substr(0, colon), '.');
    c.method = method.front();
    c.method_args.assign(method.begin() + 1, method.end());
  } else if (c.value.find('/') != std::string::npos) {
    c.method = "path";
  } else {
    std::string lower = to_lower(c.value);
    auto ends_with = [&](std::string_view s) { return lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0; };
    c.method = (ends_with(".sql") || ends_with(".py") || ends_with(".csv")) ? "file" : "fqn";
  }
  if (contains(kUnsupportedMethods, c.method)) {
    throw ConfigError("selector method '" + c.method + "' (in '" + whole + "') is not supported by mrun");
  }
  if (!contains(kMethods, c.method)) {
    throw ConfigError("unknown selector method '" + c.method + "' in '" + whole + "'");
  }
  if (c.method == "config" &&
      (c.method_args.empty() || std::any_of(c.method_args.begin(), c.method_args.end(), [](const std::string& a) { return a.empty(); }))) {
    throw ConfigError("invalid selector '" + whole + "': name the config key, as in config.materialized:table");
  }
  return c;
}

namespace {

// The marked nodes of the kinds `kinds` keeps (empty: every kind), in topological order.
std::vector<size_t> marked_in_order(const Manifest& manifest, const Mask& marked, const std::vector<NodeKind>& kinds) {
  std::vector<size_t> out;
  for (size_t i : topological_order(manifest)) {
    if (!marked[i]) continue;
    if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), manifest.nodes[i].kind) == kinds.end()) continue;
    out.push_back(i);
  }
  return out;
}

}  // namespace

std::vector<size_t> select_nodes(const Manifest& manifest, const std::vector<std::string>& select,
                                 const std::vector<std::string>& exclude, const SelectOptions& options) {
  Selection selection(manifest, options.indirect);
  bool any_select = std::any_of(select.begin(), select.end(), [](const std::string& s) { return !trim(s).empty(); });
  Picked include = any_select ? selection.union_of(select, options.indirect) : selection.everything();
  // dbt resolves --exclude eagerly whatever the mode: excluding a model
  // also excludes the tests on it.
  Picked excluded = selection.union_of(exclude, IndirectSelection::Eager);
  Picked result = selection.difference(include, excluded);

  return marked_in_order(manifest, result.direct, options.resource_types);  // only enabled nodes are ever marked
}

std::vector<size_t> select_unique_ids(const Manifest& manifest, const std::vector<std::string>& unique_ids,
                                      const SelectOptions& options) {
  Mask marked(manifest.nodes.size(), 0);
  for (const std::string& id : unique_ids) {
    size_t i = manifest.find(id);
    if (i != Manifest::npos && manifest.nodes[i].enabled()) marked[i] = 1;
  }
  return marked_in_order(manifest, marked, options.resource_types);
}

NodeKind parse_resource_type(std::string_view name) {
  for (NodeKind kind : {NodeKind::Model, NodeKind::Seed, NodeKind::Test, NodeKind::Source, NodeKind::Snapshot,
                        NodeKind::UnitTest}) {
    if (name == kind_name(kind)) return kind;
  }
  throw ConfigError("unknown resource type '" + std::string(name) +
                    "' (expected model, test, unit_test, seed, source or snapshot)");
}

std::vector<NodeKind> parse_resource_types(const std::vector<std::string>& names) {
  std::vector<NodeKind> out;
  for (const auto& name : names) {
    if (name == "all" || name == "default") return {};
    NodeKind kind = parse_resource_type(name);
    if (std::find(out.begin(), out.end(), kind) == out.end()) out.push_back(kind);
  }
  return out;
}

}  // namespace mrun::graph
