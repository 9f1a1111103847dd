// The `{% snapshot name %} ... {% endsnapshot %}` blocks of a file under
// snapshot-paths. A file may hold several; text outside the blocks is not
// part of any snapshot (as in dbt). Each block's body is the snapshot's
// template.
#pragma once

#include <string>
#include <vector>

#include "util/error.h"

namespace mrun::parse {

/// One snapshot block.
struct SnapshotBlock {
  std::string name;      ///< the block's name: the snapshot's name
  std::string body;      ///< the text between the tags (the node's raw_code)
  /// The body where it sits in the file: every character before it made a
  /// space (newlines kept), so template errors name the file's own lines
  /// and columns.
  std::string placed_body;
  SourceLocation where;  ///< the {% snapshot %} tag
};

/// The snapshot blocks of `text` (the file `path`, for locations). Throws
/// ConfigError at file:line:col for a tag without a name or a block
/// without {% endsnapshot %}.
std::vector<SnapshotBlock> find_snapshot_blocks(const std::string& text, const std::string& path);

}  // namespace mrun::parse
