// Writes the dataset's files either into one zip (deflate level 1, chunks
// compressed in parallel and streamed to libzip through zip_source_function)
// or as plain files in a directory.
#pragma once

#include <string>
#include <vector>

#include "dataset.h"

namespace mrun::moviegen {

/// Writes files into a new zip at path (replacing it), in the given order,
/// with a fixed modification time so the bytes depend only on the content.
/// Fails (std::runtime_error) when libzip cannot create or write the file.
void write_zip(const std::string& path, std::vector<FileEntry> files);

/// Writes each file as dir/<name> (creating dir), two files at a time.
/// Fails (std::runtime_error) when a file cannot be written.
void write_directory(const std::string& dir, std::vector<FileEntry> files);

}  // namespace mrun::moviegen
