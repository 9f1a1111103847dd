#include "load/fetch/s3_location.h"

#include <cstdio>
#include <cstdlib>

#include "util/error.h"

namespace mrun::load {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

/// Percent-encodes an S3 key for the URL path: everything but unreserved
/// characters and '/'. libcurl signs the path as sent, which is what S3's
/// canonical URI (encoded once) expects.
std::string encode_key(const std::string& key) {
  std::string out;
  for (unsigned char c : key) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

/// The region S3 says the bucket is in: the x-amz-bucket-region header, else
/// <Region> (AuthorizationHeaderMalformed), else the region in <Endpoint>
/// ("bucket.s3.us-west-2.amazonaws.com"); "" when it says none.
std::string region_named_by(const HttpError& e) {
  if (!e.bucket_region.empty()) return e.bucket_region;
  std::string region = xml_element(e.body, "Region");
  if (!region.empty()) return region;
  std::string endpoint = xml_element(e.body, "Endpoint");
  size_t end = endpoint.find(".amazonaws.com");
  size_t s3 = end == std::string::npos ? end : endpoint.rfind("s3.", end);
  if (s3 == std::string::npos || s3 + 3 >= end) return "";
  return endpoint.substr(s3 + 3, end - s3 - 3);
}

}  // namespace

S3Settings S3Settings::from_environment() {
  S3Settings s;
  if (!env("AWS_REGION").empty()) s.region = env("AWS_REGION");
  else if (!env("AWS_DEFAULT_REGION").empty()) s.region = env("AWS_DEFAULT_REGION");
  s.endpoint_url = !env("AWS_ENDPOINT_URL_S3").empty() ? env("AWS_ENDPOINT_URL_S3") : env("AWS_ENDPOINT_URL");
  s.access_key_id = env("AWS_ACCESS_KEY_ID");
  s.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
  s.session_token = env("AWS_SESSION_TOKEN");
  return s;
}

S3Location parse_s3_uri(const std::string& uri) {
  if (!uri.starts_with("s3://")) throw ConfigError(uri + ": not an s3:// URI");
  std::string rest = uri.substr(5);
  size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string::npos || slash + 1 == rest.size())
    throw ConfigError(uri + ": expected s3://bucket/key");
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

HttpRequest s3_get_request(const S3Location& where, const std::string& region, const S3Settings& settings) {
  HttpRequest r;
  r.display = "s3://" + where.bucket + "/" + where.key;
  r.follow_redirects = false;
  r.etag_is_md5 = true;
  std::string key = encode_key(where.key);
  if (!settings.endpoint_url.empty()) {
    std::string endpoint = settings.endpoint_url;
    while (endpoint.ends_with("/")) endpoint.pop_back();
    r.url = endpoint + "/" + where.bucket + "/" + key;
  } else if (where.bucket.find('.') != std::string::npos) {
    r.url = "https://s3." + region + ".amazonaws.com/" + where.bucket + "/" + key;
  } else {
    r.url = "https://" + where.bucket + ".s3." + region + ".amazonaws.com/" + key;
  }
  if (!settings.access_key_id.empty()) {
    r.aws_sigv4 = "aws:amz:" + region + ":s3";
    r.aws_credentials = settings.access_key_id + ":" + settings.secret_access_key;
    // libcurl 7.88 does not add this header that S3 requires with SigV4; it
    // signs it like any other header we set.
    r.headers.push_back("x-amz-content-sha256: UNSIGNED-PAYLOAD");
    if (!settings.session_token.empty()) r.headers.push_back("x-amz-security-token: " + settings.session_token);
  }
  return r;
}

DownloadResult download_s3_object(const std::string& uri, const std::string& path, const FetchOptions& options,
                                  const S3Settings& settings) {
  S3Location where = parse_s3_uri(uri);
  try {
    return download(s3_get_request(where, settings.region, settings), path, options);
  } catch (const HttpError& e) {
    bool wrong_region = e.status == 301 || e.status == 307 || e.code == "AuthorizationHeaderMalformed" ||
                        e.code == "PermanentRedirect";
    std::string region = region_named_by(e);
    if (!wrong_region || region.empty() || region == settings.region) throw;
    std::fprintf(stderr, "fetch: %s: bucket is in region %s, not %s; asking there\n", uri.c_str(), region.c_str(),
                 settings.region.c_str());
    return download(s3_get_request(where, region, settings), path, options);
  }
}

}  // namespace mrun::load
