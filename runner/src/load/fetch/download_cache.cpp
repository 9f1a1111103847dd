#include "load/fetch/download_cache.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "load/archive/entry_lookup.h"
#include "util/strings.h"

namespace mrun::load {

namespace fs = std::filesystem;

std::string cache_path_for(const std::string& uri, const std::string& cache_dir) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a: stable across runs and builds
  for (unsigned char c : uri) hash = (hash ^ c) * 1099511628211ull;
  std::string base = base_name(uri.substr(0, uri.find_first_of("?#")));
  for (char& c : base)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) c = '_';
  if (base.empty()) base = "download";
  char prefix[17];
  std::snprintf(prefix, sizeof prefix, "%016llx", static_cast<unsigned long long>(hash));
  return (fs::path(cache_dir) / (std::string(prefix, 12) + "-" + base)).string();
}

std::optional<ObjectValidators> read_validators(const std::string& meta_path) {
  std::ifstream in(meta_path);
  if (!in) return std::nullopt;
  ObjectValidators v;
  bool has_size = false;
  for (std::string line; std::getline(in, line);) {
    size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon), value = line.substr(colon + 2);
    if (key == "etag") v.etag = value;
    else if (key == "last-modified") v.last_modified = value;
    else if (key == "source") v.source = value;
    else if (key == "size") {
      try {
        v.size = std::stoull(value);
        has_size = true;
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
  }
  if (!has_size) return std::nullopt;
  return v;
}

void write_validators(const std::string& meta_path, const ObjectValidators& v) {
  write_file_atomic(meta_path, "source: " + v.source + "\netag: " + v.etag + "\nlast-modified: " + v.last_modified +
                                   "\nsize: " + std::to_string(v.size) + "\n");
}

void remove_cached_copy(const std::string& path) {
  std::error_code ec;
  fs::remove(path + ".meta", ec);  // first: a crash in between leaves no copy that looks complete
  fs::remove(path, ec);
}

std::optional<ObjectValidators> complete_copy(const std::string& path) {
  auto v = read_validators(path + ".meta");
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (!v || ec || size != v->size) return std::nullopt;
  return v;
}

}  // namespace mrun::load
