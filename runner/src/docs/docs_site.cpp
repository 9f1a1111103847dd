#include "docs/docs_site.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "docs/html.h"
#include "docs/site_context.h"
#include "util/error.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace mrun::docs {

SiteSummary write_docs_site(const std::string& dir, const SiteInput& input) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ConfigError("cannot create " + dir + ": " + ec.message());
  SiteContext site(input);
  SiteSummary summary;
  std::vector<SiteFile> files = {{"index.html", overview_page(site)},
                                 {"search.html", search_page(site)},
                                 {"search_index.js", search_index_js(site)},
                                 {"site.css", site_css()}};
  std::vector<size_t> nodes;
  for (size_t i = 0; i < input.manifest.nodes.size(); ++i)
    if (site.has_page(i)) nodes.push_back(i);
  std::vector<SiteFile> node_pages(nodes.size());
  run_in_parallel(nodes.size(), [&](size_t k) {
    node_pages[k] = {node_page(input.manifest.nodes[nodes[k]].unique_id), node_page_html(site, nodes[k])};
  });
  std::vector<SiteFile> lineage = lineage_files(site, summary.warnings);
  std::vector<SiteFile> column_lineage = column_lineage_files(site);
  for (auto* group : {&node_pages, &lineage, &column_lineage})
    for (auto& f : *group) files.push_back(std::move(f));

  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) throw ConfigError("cannot open " + dir);
  try {
    run_in_parallel_or_throw(files.size(), [&](size_t k) {
      write_file_at(dir_fd, files[k].name, files[k].content, dir + "/" + files[k].name);
    });
  } catch (...) {
    ::close(dir_fd);
    throw;
  }
  ::close(dir_fd);
  summary.pages = files.size();
  return summary;
}

}  // namespace mrun::docs
