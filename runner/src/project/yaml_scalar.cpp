#include "project/yaml_scalar.h"

namespace mrun::project {

ScalarValue read_scalar(const YAML::Node& node) {
  // yaml-cpp tags quoted scalars "!": they are strings whatever they spell.
  if (node.Tag() == "!") return node.Scalar();
  return read_plain_scalar(node.Scalar());
}

}  // namespace mrun::project
