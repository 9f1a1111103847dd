// How ref() and source() find their node among the root project's nodes and
// the installed packages', as dbt resolves them: ref('pkg', 'model') looks
// in package `pkg` only; ref('model') and source() look in the root project,
// then in the package of the node that calls them, then in any package.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "graph/manifest.h"

namespace mrun::parse {

/// One ref() call: ref('name') (package empty) or ref('package', 'name').
struct RefCall {
  std::string package;
  std::string name;
};

/// The enabled models and seeds, and the sources, of a manifest by package and name.
class NodeLookup {
 public:
  NodeLookup() = default;
  NodeLookup(const graph::Manifest& manifest, std::string root_project);

  /// The manifest index `call` names from a node of `node_package`, or npos.
  size_t ref(const RefCall& call, const std::string& node_package) const;
  /// The manifest index of source(source_name, table) from a node of `node_package`, or npos.
  size_t source(const std::string& source_name, const std::string& table, const std::string& node_package) const;

 private:
  using Index = std::map<std::pair<std::string, std::string>, size_t>;  ///< (package, name) -> manifest index
  /// Finds `name` in `index`: in `package` only when given, else dbt's order ("" = any package).
  size_t find(const Index& index, const std::map<std::string, size_t>& any, const std::string& package,
              const std::string& name, const std::string& node_package) const;

  std::string root_project_;
  Index refs_;
  std::map<std::string, size_t> any_ref_;  ///< name -> the first package's node
  Index sources_;                          ///< name: "source.table"
  std::map<std::string, size_t> any_source_;
};

}  // namespace mrun::parse
