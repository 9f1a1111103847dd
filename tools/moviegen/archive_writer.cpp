#include "archive_writer.h"

#include <zip.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "deflate_pipeline.h"

namespace mrun::moviegen {
namespace {

// 2017-11-10 00:00 UTC, the dataset's release on Kaggle.
constexpr time_t kEntryMtime = 1510272000;

// State of one zip entry while libzip pulls its bytes.
struct EntryStream {
  ChunkFn fn;
  std::unique_ptr<DeflatePipeline> deflated;  // exists between OPEN and CLOSE
  bool finished = false;
  uint64_t size = 0;
  uint32_t crc = 0;
  std::string chunk;
  size_t pos = 0;
  zip_error_t error;
};

zip_int64_t entry_callback(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* s = static_cast<EntryStream*>(user);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      // Opened once: the source does not support seeking, so libzip never rereads it.
      s->deflated = std::make_unique<DeflatePipeline>(s->fn);
      s->chunk.clear();
      s->pos = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      try {
        while (s->pos == s->chunk.size()) {
          s->pos = 0;
          if (!s->deflated->next(s->chunk)) {
            s->chunk.clear();
            s->finished = true;
            s->size = s->deflated->size();
            s->crc = s->deflated->crc();
            return 0;
          }
        }
      } catch (const std::exception&) {
        zip_error_set(&s->error, ZIP_ER_INTERNAL, 0);
        return -1;
      }
      const size_t n = std::min<size_t>(len, s->chunk.size() - s->pos);
      std::memcpy(data, s->chunk.data() + s->pos, n);
      s->pos += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      s->deflated.reset();
      std::string().swap(s->chunk);
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      // The bytes are already deflated, so libzip copies them as they are;
      // size and CRC are known once the whole stream has been read.
      st->mtime = kEntryMtime;
      st->comp_method = ZIP_CM_DEFLATE;
      st->valid |= ZIP_STAT_MTIME | ZIP_STAT_COMP_METHOD;
      if (s->finished) {
        st->size = s->size;
        st->crc = s->crc;
        st->valid |= ZIP_STAT_SIZE | ZIP_STAT_CRC;
      }
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&s->error, data, len);
    case ZIP_SOURCE_FREE:
      zip_error_fini(&s->error);
      delete s;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

[[noreturn]] void fail_zip(zip_t* za, const std::string& what) {
  std::string msg = what + ": " + zip_strerror(za);
  zip_discard(za);
  throw std::runtime_error(msg);
}

}  // namespace

void write_zip(const std::string& path, std::vector<FileEntry> files) {
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!za) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    std::string msg = "cannot create " + path + ": " + zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw std::runtime_error(msg);
  }
  for (FileEntry& f : files) {
    auto* stream = new EntryStream();
    stream->fn = std::move(f.next_chunk);
    zip_error_init(&stream->error);
    zip_source_t* src = zip_source_function(za, entry_callback, stream);
    if (!src) {
      zip_error_fini(&stream->error);
      delete stream;
      fail_zip(za, "zip source for " + f.name);
    }
    const zip_int64_t index = zip_file_add(za, f.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      fail_zip(za, "adding " + f.name);
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 1) < 0 || zip_file_set_mtime(za, i, kEntryMtime, 0) < 0)
      fail_zip(za, "setting up " + f.name);
  }
  if (zip_close(za) < 0) fail_zip(za, "writing " + path);
}

void write_directory(const std::string& dir, std::vector<FileEntry> files) {
  std::filesystem::create_directories(dir);
  // Biggest files first so the two workers finish at about the same time.
  auto rank = [](const std::string& name) {
    static const char* kOrder[] = {"ratings.csv", "credits.csv", "movies_metadata.csv", "keywords.csv"};
    for (size_t i = 0; i < std::size(kOrder); ++i)
      if (name == kOrder[i]) return i;
    return std::size(kOrder);
  };
  std::stable_sort(files.begin(), files.end(), [&](const FileEntry& a, const FileEntry& b) { return rank(a.name) < rank(b.name); });

  std::atomic<size_t> next{0};
  std::mutex error_mu;
  std::string error;
  auto worker = [&] {
    for (size_t i; (i = next++) < files.size();) {
      const std::string path = (std::filesystem::path(dir) / files[i].name).string();
      std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(path.c_str(), "wb"), std::fclose);
      bool ok = out != nullptr;
      try {
        std::string chunk;
        while (ok && files[i].next_chunk(chunk)) {
          ok = std::fwrite(chunk.data(), 1, chunk.size(), out.get()) == chunk.size();
          chunk.clear();
        }
        ok = ok && std::fflush(out.get()) == 0;
      } catch (const std::exception& e) {
        std::lock_guard lock(error_mu);
        error = path + ": " + e.what();
        return;
      }
      if (!ok) {
        std::lock_guard lock(error_mu);
        error = "cannot write " + path + ": " + std::strerror(errno);
        return;
      }
    }
  };
  std::thread second(worker);
  worker();
  second.join();
  if (!error.empty()) throw std::runtime_error(error);
}

}  // namespace mrun::moviegen
