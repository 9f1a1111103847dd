// The generated dataset as a list of files, each produced piece by piece so
// that even ratings.csv (about 710 MB at full scale) never sits in memory.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog.h"
#include "pools.h"

namespace mrun::moviegen {

/// Everything the file writers share: the plan and the pools.
struct Dataset {
  Catalog catalog;  ///< what the files contain
  Pools pools;      ///< what rows draw from
};

/// Appends the next piece of a file to out; returns false (appending
/// nothing) once the file is complete. Pieces are a few hundred KB or more.
using ChunkFn = std::function<bool(std::string& out)>;

/// One file of the dataset.
struct FileEntry {
  std::string name;  ///< e.g. "ratings.csv"
  ChunkFn next_chunk;  ///< generator of the file's bytes
};

/// Returns a ChunkFn that writes header, then row(out, i) for every i in
/// [0, rows), rows_per_chunk rows per piece.
ChunkFn row_chunks(std::string header, size_t rows, size_t rows_per_chunk,
                   std::function<void(std::string& out, size_t row)> row);

/// Returns the names of the seven files, in archive order.
const std::vector<std::string>& dataset_file_names();

/// Returns generators for the named files (all seven when names is empty),
/// in archive order. Fails (std::invalid_argument) on an unknown name; a
/// name may be given with or without ".csv".
std::vector<FileEntry> dataset_files(std::shared_ptr<const Dataset> data, const std::vector<std::string>& names);

/// Returns the chunk generator of movies_metadata.csv.
ChunkFn movies_metadata_csv(std::shared_ptr<const Dataset> data);
/// Returns the chunk generator of credits.csv.
ChunkFn credits_csv(std::shared_ptr<const Dataset> data);
/// Returns the chunk generator of keywords.csv.
ChunkFn keywords_csv(std::shared_ptr<const Dataset> data);
/// Returns the chunk generator of links.csv (small = links_small.csv).
ChunkFn links_csv(std::shared_ptr<const Dataset> data, bool small);
/// Returns the chunk generator of ratings.csv (small = ratings_small.csv).
ChunkFn ratings_csv(std::shared_ptr<const Dataset> data, bool small);

}  // namespace mrun::moviegen
