// The download cache: where a remote object is kept on disk and what we know
// about the copy (validators for conditional and resumed requests).
//
// For each object there are up to four files, side by side:
//   <name>            the complete object; only ever created by a rename
//   <name>.meta       its validators (ETag, Last-Modified, size, source URI)
//   <name>.part       an unfinished download, resumed with a Range request
//   <name>.part.meta  the validators of the response the .part came from
// so a failed download never leaves a truncated file that looks complete.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mrun::load {

/// What identifies one version of a remote object.
struct ObjectValidators {
  std::string etag;           ///< the ETag header, quotes included; may be empty
  std::string last_modified;  ///< the Last-Modified header; may be empty
  uint64_t size = 0;          ///< full object size in bytes
  std::string source;         ///< the URI it came from (never carries credentials)

  /// True when there is something to send in If-None-Match / If-Range.
  bool usable() const { return !etag.empty() || !last_modified.empty(); }
};

/// The cache file for `uri` in `cache_dir`: "<cache_dir>/<hash of uri>-<base
/// name>", so equal base names from different places do not collide.
std::string cache_path_for(const std::string& uri, const std::string& cache_dir);

/// Validators stored in `meta_path`; nullopt when the file is missing or
/// unreadable (the copy is then treated as unknown).
std::optional<ObjectValidators> read_validators(const std::string& meta_path);

/// Stores `validators` in `meta_path` atomically. Throws RunError on I/O failure.
void write_validators(const std::string& meta_path, const ObjectValidators& validators);

/// Removes the cached copy at `path` and its .meta (a copy that turned out
/// unreadable), so the next request downloads the object again.
void remove_cached_copy(const std::string& path);

/// The complete cached copy of the object at `path`: its validators when both
/// the file and its .meta exist and the size matches; nullopt otherwise.
std::optional<ObjectValidators> complete_copy(const std::string& path);

}  // namespace mrun::load
