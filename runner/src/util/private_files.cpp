#include "util/private_files.h"

#include <sys/stat.h>

namespace mrun {

void keep_new_files_private() { umask(077); }

void make_private_directory(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::filesystem::permissions(dir, std::filesystem::perms::group_all | std::filesystem::perms::others_all,
                               std::filesystem::perm_options::remove);
}

}  // namespace mrun
