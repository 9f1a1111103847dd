#include "docs/docs_site.h"

#include <filesystem>
#include <mutex>

#include "docs/html.h"
#include "docs/site_context.h"
#include "util/background_file_writer.h"
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
  // The files are created by one thread of their own (one folder: threads
  // creating files in it at once wait on its lock in the kernel) while the
  // next pages are made.
  BackgroundFileWriter writer(1);
  auto write = [&](SiteFile file) {
    writer.write(dir + "/" + file.name, std::move(file.content));
    ++summary.pages;
  };
  std::mutex counted;
  for (SiteFile& f : std::vector<SiteFile>{{"index.html", overview_page(site)},
                                          {"search.html", search_page(site)},
                                          {"search_index.js", search_index_js(site)},
                                          {"site.css", site_css()}})
    write(std::move(f));
  std::vector<size_t> nodes;
  for (size_t i = 0; i < input.manifest.nodes.size(); ++i)
    if (site.has_page(i)) nodes.push_back(i);
  run_in_parallel(nodes.size(), [&](size_t k) {
    SiteFile page{node_page(input.manifest.nodes[nodes[k]].unique_id), node_page_html(site, nodes[k])};
    std::lock_guard lock(counted);
    write(std::move(page));
  });
  for (auto& f : lineage_files(site, summary.warnings)) write(std::move(f));
  for (auto& f : column_lineage_files(site)) write(std::move(f));
  writer.flush();
  return summary;
}

}  // namespace mrun::docs
