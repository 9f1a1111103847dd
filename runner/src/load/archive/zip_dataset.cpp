#include "load/archive/zip_dataset.h"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include "load/archive/entry_lookup.h"
#include "load/archive/raw_inflate.h"
#include "util/error.h"

namespace mrun::load {

namespace {

/// Opens `path` read-only; throws RunError with libzip's reason.
zip_t* open_archive(const std::string& path, const std::string& label) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw RunError(label + ": cannot open zip archive: " + reason);
  }
  return archive;
}

/// The bytes libzip's zip_fread() yields for one entry: decompressed, or the
/// raw compressed data when opened with ZIP_FL_COMPRESSED. Owns its own
/// archive handle.
class ZipFileStream : public ByteStream {
 public:
  /// `size` is how many bytes zip_fread() must yield in all.
  /// `fingerprint`: what content_fingerprint() gives at the end ("": nothing);
  /// libzip checks a decoded entry's CRC-32 as it reaches the end.
  ZipFileStream(zip_t* archive, zip_file_t* file, std::string label, uint64_t size, std::string fingerprint = "")
      : archive_(archive), file_(file), label_(std::move(label)), size_(size), fingerprint_(std::move(fingerprint)) {}
  ~ZipFileStream() override {
    zip_fclose(file_);
    zip_discard(archive_);
  }
  ZipFileStream(const ZipFileStream&) = delete;
  ZipFileStream& operator=(const ZipFileStream&) = delete;

  size_t read(char* buf, size_t n) override {
    zip_int64_t got = zip_fread(file_, buf, n);
    if (got < 0) throw RunError(label_ + ": read failed: " + zip_file_strerror(file_));
    read_ += static_cast<uint64_t>(got);
    if (got == 0 && n > 0 && read_ != size_)
      throw RunError(label_ + ": entry ended after " + std::to_string(read_) + " of " + std::to_string(size_) +
                     " bytes");
    if (got == 0 && n > 0) ended_ = true;
    return static_cast<size_t>(got);
  }
  std::optional<uint64_t> size() const override { return size_; }
  std::string content_fingerprint() const override { return ended_ ? fingerprint_ : ""; }

 private:
  zip_t* archive_;
  zip_file_t* file_;
  std::string label_;
  uint64_t size_;
  std::string fingerprint_;
  uint64_t read_ = 0;
  bool ended_ = false;
};

}  // namespace

ZipDataset::ZipDataset(std::string path, std::string origin) : path_(std::move(path)), origin_(std::move(origin)) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  std::string by_fd = "/proc/self/fd/" + std::to_string(fd_);
  open_path_ = fd_ >= 0 && ::access(by_fd.c_str(), R_OK) == 0 ? by_fd : path_;
  zip_t* archive;
  try {
    archive = open_archive(open_path_, describe());
  } catch (...) {
    if (fd_ >= 0) ::close(fd_);
    throw;
  }
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
    std::string name = st.name;
    if (name.empty() || name.back() == '/' || name.starts_with("__MACOSX/")) continue;
    names_.push_back(name);
    Entry entry{static_cast<uint64_t>(i), (st.valid & ZIP_STAT_SIZE) ? st.size : 0};
    const zip_uint64_t needed =
        ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    if (st.valid & ZIP_STAT_CRC) {
      entry.crc32 = st.crc;
      entry.crc_known = true;
    }
    if ((st.valid & needed) == needed && st.comp_method == ZIP_CM_DEFLATE && st.encryption_method == ZIP_EM_NONE) {
      entry.raw_deflate = true;
      entry.comp_size = st.comp_size;
    }
    entries_.push_back(entry);
  }
  zip_discard(archive);
}

ZipDataset::~ZipDataset() {
  if (fd_ >= 0) ::close(fd_);
}

std::vector<std::string> ZipDataset::files() const { return names_; }

std::unique_ptr<ByteStream> ZipDataset::open(const std::string& name) const {
  auto found = find_entry(names_, name, describe());
  if (!found) throw_missing_entry(names_, name, describe());
  const Entry& entry = entries_[*found];
  std::string label = describe() + ": " + names_[*found];
  zip_t* archive = open_archive(open_path_, label);
  // Deflate entries are read raw and inflated by ISA-L (faster than libzip's
  // zlib); anything else (stored, bzip2, encrypted...) is decoded by libzip.
  zip_file_t* file = zip_fopen_index(archive, entry.index, entry.raw_deflate ? ZIP_FL_COMPRESSED : 0);
  if (!file) {
    std::string reason = zip_strerror(archive);
    zip_discard(archive);
    throw RunError(label + ": cannot open entry: " + reason);
  }
  if (!entry.raw_deflate) return std::make_unique<ZipFileStream>(archive, file, label, entry.size, fingerprint_of(entry));
  auto compressed = std::make_unique<ZipFileStream>(archive, file, label, entry.comp_size);
  return std::make_unique<RawInflateStream>(std::move(compressed), InflatedData{entry.size, entry.crc32}, label);
}

std::string ZipDataset::fingerprint_of(const Entry& entry) {
  return entry.crc_known ? crc32_fingerprint(entry.crc32, entry.size) : "";
}

std::string ZipDataset::known_fingerprint(const std::string& name) const {
  try {
    auto found = find_entry(names_, name, describe());
    return found ? fingerprint_of(entries_[*found]) : "";
  } catch (const RunError&) {
    return "";  // ambiguous: opening it says so
  }
}

std::string ZipDataset::describe() const {
  return origin_.empty() ? "zip " + path_ : origin_ + " (cached: " + path_ + ")";
}

std::string zip_archive_problem(const std::string& path) {
  try {
    ZipDataset archive(path);
    std::vector<char> buffer(size_t{1} << 20);
    for (const std::string& name : archive.files()) {
      std::unique_ptr<ByteStream> entry = archive.open(name);
      while (entry->read(buffer.data(), buffer.size()) > 0) {
      }
    }
    return "";
  } catch (const RunError& e) {
    return e.what();
  }
}

}  // namespace mrun::load
