// S3 objects: from an s3://bucket/key URI to the HTTP request that fetches
// it — anonymous for public objects, SigV4-signed when AWS credentials are
// set, against AWS or an S3-compatible endpoint (AWS_ENDPOINT_URL).
#pragma once

#include <string>

#include "load/dataset.h"
#include "load/fetch/http_fetch.h"

namespace mrun::load {

/// An object in a bucket.
struct S3Location {
  std::string bucket;
  std::string key;
};

/// What the AWS environment variables say about reaching S3.
struct S3Settings {
  std::string region = "us-east-1";  ///< AWS_REGION, else AWS_DEFAULT_REGION
  std::string endpoint_url;          ///< AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL; empty: AWS
  std::string access_key_id;         ///< AWS_ACCESS_KEY_ID; empty: anonymous requests
  std::string secret_access_key;     ///< AWS_SECRET_ACCESS_KEY
  std::string session_token;         ///< AWS_SESSION_TOKEN (sent as x-amz-security-token)

  /// Reads the variables above from the process environment.
  static S3Settings from_environment();
};

/// Parses "s3://bucket/key"; throws ConfigError when the bucket or key is missing.
S3Location parse_s3_uri(const std::string& uri);

/// The GET request for `where` in `region`. With an endpoint URL the object
/// is addressed path-style (endpoint/bucket/key); on AWS virtual-hosted style
/// (https://bucket.s3.region.amazonaws.com/key), or path-style when the bucket
/// name has dots (they break the TLS wildcard certificate). Signed with SigV4
/// when an access key is set.
HttpRequest s3_get_request(const S3Location& where, const std::string& region, const S3Settings& settings);

/// Downloads s3://bucket/key into cache file `path` (see download()). When S3
/// answers that the bucket lives in another region (301 PermanentRedirect
/// with x-amz-bucket-region, or a signature scoped to the wrong region), asks
/// again in that region. Throws like download().
DownloadResult download_s3_object(const std::string& uri, const std::string& path, const FetchOptions& options,
                                   const S3Settings& settings);

}  // namespace mrun::load
