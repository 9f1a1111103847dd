// A local directory of files (CSVs) read as a Dataset.
#pragma once

#include <string>
#include <vector>

#include "load/dataset.h"

namespace mrun::load {

/// The regular files under a directory (recursively), named by their path
/// relative to it with '/' separators. Hidden files are skipped.
class DirectoryDataset : public Dataset {
 public:
  /// Lists `root`; throws RunError when it is not a readable directory.
  explicit DirectoryDataset(std::string root);
  /// Relative file names, sorted.
  std::vector<std::string> files() const override;
  /// Opens a file by relative path or unique base name; throws RunError when absent.
  std::unique_ptr<ByteStream> open(const std::string& name) const override;
  /// "directory <root>".
  std::string describe() const override;
  /// "size:<bytes>:mtime:<ns>:inode:<dev>/<ino>" of the file as it is now.
  std::string file_signature(const std::string& name) const override;

 private:
  std::string root_;
  std::vector<std::string> files_;
};

/// Opens the plain file `path` as a ByteStream (size known from the file
/// system); `label` names it in read errors. Throws RunError when it cannot.
std::unique_ptr<ByteStream> open_file_stream(const std::string& path, const std::string& label);

}  // namespace mrun::load
