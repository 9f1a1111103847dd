// open_dataset(): picks the Dataset for a dataset_uri, fetching remote
// archives into the cache first.
#include <iostream>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "load/dataset.h"
#include "load/archive/directory_dataset.h"
#include "load/fetch/download_cache.h"
#include "load/fetch/http_fetch.h"
#include "load/fetch/s3_location.h"
#include "load/archive/zip_dataset.h"
#include "util/error.h"
#include "util/redact.h"
#include "util/strings.h"

namespace mrun::load {

namespace fs = std::filesystem;

namespace {

/// The local path of a file:// URI ("file:///a%20b.zip" -> "/a b.zip").
std::string file_uri_path(const std::string& uri) {
  std::string rest = uri.substr(7);
  if (rest.starts_with("localhost/")) rest = rest.substr(9);
  if (rest.empty() || rest[0] != '/')
    throw RunError(uri + ": a file URI needs an absolute path (file:///path/to/data.zip)");
  return percent_decode(rest);
}

/// A local directory or zip archive; `origin` names it in messages. A
/// `downloaded` archive is described by its origin and cache path.
std::unique_ptr<Dataset> open_local(const std::string& path, const std::string& origin, bool downloaded) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw RunError(origin + ": no such file or directory");
  if (fs::is_directory(status)) return std::make_unique<DirectoryDataset>(path);
  char magic[4] = {};
  std::ifstream(path, std::ios::binary).read(magic, 4);
  if (!(magic[0] == 'P' && magic[1] == 'K'))
    throw RunError(origin + ": not a zip archive or a directory of CSV files");
  return std::make_unique<ZipDataset>(path, downloaded ? origin : "");
}

}  // namespace

namespace {

// A downloaded archive: verified before it is cached (a truncated body with a
// matching Content-Length is refused and downloaded again). A cached copy
// that still fails to open (left by an older mrun, or damaged on disk) is
// dropped and downloaded once more.
template <typename Fetch>
std::unique_ptr<Dataset> open_downloaded(const std::string& origin, const FetchOptions& options, Fetch fetch) {
  FetchOptions verified = options;
  verified.verify_download = [](const std::string& path) {
    std::string problem = zip_archive_problem(path);
    return problem.empty() ? "" : "the download is not a whole zip archive: " + problem;
  };
  DownloadResult fetched = fetch(verified);
  try {
    return open_local(fetched.path, origin, true);
  } catch (const RunError& e) {
    remove_cached_copy(fetched.path);
    if (fetched.transferred) throw;
    std::cerr << "warning: " << origin << ": the cached copy cannot be read (" << e.what()
              << "); downloading it again" << std::endl;
    return open_local(fetch(verified).path, origin, true);
  }
}

}  // namespace

std::unique_ptr<Dataset> open_dataset(const std::string& uri, const FetchOptions& options) {
  if (uri.starts_with("file://")) return open_local(file_uri_path(uri), uri, false);
  if (uri.starts_with("s3://")) {
    return open_downloaded(uri, options, [&](const FetchOptions& o) {
      return download_s3_object(uri, cache_path_for(uri, o.cache_dir), o, S3Settings::from_environment());
    });
  }
  if (uri.starts_with("http://") || uri.starts_with("https://")) {
    HttpRequest request;
    request.url = uri;
    request.display = redact_passwords(uri);
    return open_downloaded(request.display, options, [&](const FetchOptions& o) {
      return download(request, cache_path_for(request.display, o.cache_dir), o);
    });
  }
  return open_local(uri, uri, false);
}

}  // namespace mrun::load
