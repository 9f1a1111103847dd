// Warnings that name what a project asks for and mrun does not do, so
// nothing is ignored silently: config keys mrun does not implement (where
// they were written), and constraints under a view's contract (PostgreSQL
// views have none, as dbt warns). Schema-file and project-file keys are
// warned where those files are read (project/schema_file.cpp,
// project/project_config.cpp).
#pragma once

#include <string>
#include <vector>

#include "graph/manifest.h"

namespace mrun::parse {

/// True for a config key (normalized: project::ConfigMap::normalize_key)
/// that mrun applies, or knows to need nothing.
bool is_implemented_config(const std::string& key);

/// One warning per config key that mrun does not implement and place it was
/// written (file:line:col; a config() call: the node's file), and per view
/// whose enforced contract lists constraints.
std::vector<std::string> unsupported_feature_warnings(const graph::Manifest& manifest);

}  // namespace mrun::parse
