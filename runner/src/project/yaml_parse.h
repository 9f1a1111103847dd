// YAML text to yaml-cpp nodes, parsed by libyaml.
//
// yaml-cpp's own scanner is slow (about 9x libyaml on the schema files of a
// 10,000-model project, where it was a third of `mrun ls`). This parser reads
// the text with libyaml's event API and builds the same yaml-cpp node tree
// that YAML::Load would: the same types, scalars, tags ("?" for plain, "!"
// for quoted scalars, expanded explicit tags), collection styles, anchors
// and aliases, and marks (line/column of each node), so the rest of mrun
// keeps using YAML::Node.
#pragma once

#include <string>
#include <string_view>
#include <yaml-cpp/yaml.h>

namespace mrun::project {

/// The first document of `text` as a yaml-cpp node (a null node for an
/// empty text). Throws ConfigError at "origin:line:column" with libyaml's
/// description for malformed YAML.
YAML::Node parse_yaml(std::string_view text, const std::string& origin);

}  // namespace mrun::project
