#include "dataset.h"

#include <stdexcept>

#include "text_format.h"

namespace mrun::moviegen {

ChunkFn row_chunks(std::string header, size_t rows, size_t rows_per_chunk,
                   std::function<void(std::string& out, size_t row)> row) {
  auto next_row = std::make_shared<size_t>(0);
  auto header_done = std::make_shared<bool>(false);
  return [=](std::string& out) {
    if (*header_done && *next_row >= rows) return false;
    if (!*header_done) {
      out.append(header);
      *header_done = true;
    }
    const size_t end = std::min(rows, *next_row + rows_per_chunk);
    for (; *next_row < end; ++*next_row) row(out, *next_row);
    return true;
  };
}

// links.csv and links_small.csv: CRLF line ends, IMDb ids zero-padded to 7
// digits, some empty tmdbId (as in the real files).
ChunkFn links_csv(std::shared_ptr<const Dataset> data, bool small) {
  const Catalog& c = data->catalog;
  const size_t rows = small ? c.small_links.size() : c.links.size();
  return row_chunks("movieId,imdbId,tmdbId\r\n", rows, 20000, [data, small](std::string& out, size_t row) {
    const Catalog& cat = data->catalog;
    const LinkRow& l = cat.links[small ? cat.small_links[row] : row];
    append_uint(out, l.movie_id);
    out.push_back(',');
    append_zero_padded(out, l.imdb, 7);
    out.push_back(',');
    if (l.tmdb) append_uint(out, l.tmdb);
    out.append("\r\n");
  });
}

const std::vector<std::string>& dataset_file_names() {
  static const std::vector<std::string> kNames = {
      "credits.csv", "keywords.csv", "links.csv", "links_small.csv",
      "movies_metadata.csv", "ratings.csv", "ratings_small.csv"};
  return kNames;
}

std::vector<FileEntry> dataset_files(std::shared_ptr<const Dataset> data, const std::vector<std::string>& names) {
  std::vector<std::string> wanted;
  for (std::string n : names) {
    if (n.size() < 4 || n.compare(n.size() - 4, 4, ".csv") != 0) n += ".csv";
    bool known = false;
    for (const auto& f : dataset_file_names()) known = known || f == n;
    if (!known) throw std::invalid_argument("unknown dataset file: " + n);
    wanted.push_back(n);
  }
  std::vector<FileEntry> files;
  for (const std::string& name : dataset_file_names()) {
    bool selected = wanted.empty();
    for (const auto& w : wanted) selected = selected || w == name;
    if (!selected) continue;
    ChunkFn fn;
    if (name == "credits.csv") fn = credits_csv(data);
    else if (name == "keywords.csv") fn = keywords_csv(data);
    else if (name == "links.csv") fn = links_csv(data, false);
    else if (name == "links_small.csv") fn = links_csv(data, true);
    else if (name == "movies_metadata.csv") fn = movies_metadata_csv(data);
    else if (name == "ratings.csv") fn = ratings_csv(data, false);
    else fn = ratings_csv(data, true);
    files.push_back({name, std::move(fn)});
  }
  return files;
}

}  // namespace mrun::moviegen
