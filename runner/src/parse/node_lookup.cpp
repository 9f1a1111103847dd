#include "parse/node_lookup.h"

namespace mrun::parse {

NodeLookup::NodeLookup(const graph::Manifest& manifest, std::string root_project) : root_project_(std::move(root_project)) {
  for (size_t i = 0; i < manifest.nodes.size(); ++i) {
    const graph::Node& n = manifest.nodes[i];
    if (n.kind == graph::NodeKind::Source) {
      std::string name = n.source_name + "." + n.name;
      sources_[{n.package, name}] = i;
      any_source_.emplace(name, i);
    } else if ((n.kind == graph::NodeKind::Model || n.kind == graph::NodeKind::Seed) && n.enabled()) {
      refs_[{n.package, n.name}] = i;
      any_ref_.emplace(n.name, i);
    }
  }
}

size_t NodeLookup::find(const Index& index, const std::map<std::string, size_t>& any, const std::string& package,
                        const std::string& name, const std::string& node_package) const {
  auto in = [&](const std::string& p) {
    auto it = index.find({p, name});
    return it == index.end() ? graph::Manifest::npos : it->second;
  };
  if (!package.empty()) return in(package);
  for (const std::string* p : {&root_project_, &node_package}) {
    if (size_t found = in(*p); found != graph::Manifest::npos) return found;
  }
  auto it = any.find(name);
  return it == any.end() ? graph::Manifest::npos : it->second;
}

size_t NodeLookup::ref(const RefCall& call, const std::string& node_package) const {
  return find(refs_, any_ref_, call.package, call.name, node_package);
}

size_t NodeLookup::source(const std::string& source_name, const std::string& table, const std::string& node_package) const {
  return find(sources_, any_source_, "", source_name + "." + table, node_package);
}

}  // namespace mrun::parse
