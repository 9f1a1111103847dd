#include "exec/seed_loader.h"

#include "util/error.h"

namespace mrun::exec {

SeedResult load_seed(pqxx::connection&, const graph::Node& node, const std::string&, const Relation&, bool,
                     RelationCatalog&, SchemaRegistry&) {
  // Replaced by the COPY-based loader once the CSV scanner lands.
  throw RunError(node.where.str() + ": seeds are not supported yet");
}

}  // namespace mrun::exec
