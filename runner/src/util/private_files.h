// Files mrun writes (download cache, artifacts, compiled SQL, logs) are
// readable by the user who runs it only: they may hold data, SQL and
// connection details that other local users must not read.
#pragma once

#include <filesystem>

namespace mrun {

/// Sets the process umask to 077: every file and directory created from now
/// on (by mrun or the programs it starts) is private to its owner.
void keep_new_files_private();

/// Creates `dir` (and its parents) if missing and takes group and other
/// access off it, so a directory made by an older version, with files in it
/// readable by all, is closed too.
void make_private_directory(const std::filesystem::path& dir);

}  // namespace mrun
