// Writing the docs site's HTML: escaping, the file name of each node's
// pages, and the shell every page shares (head, header with the search
// form, footer). Every page lives in one folder, so links are file names:
// the site works from file:// and from any web server alike.
#pragma once

#include <string>
#include <string_view>

namespace mrun::docs {

/// `text` with & < > " ' escaped, for element content and attribute values.
std::string escape_html(std::string_view text);

/// The file name of a node's page: its unique_id with every character
/// outside [A-Za-z0-9._-] as "~XX" (hex), then ".html"
/// ("model.movies.fct_movie.html").
std::string node_page(const std::string& unique_id);

/// The address of a node's lineage view with `upstream` and `downstream`
/// depth: the one lineage page, told which node by its query string
/// ("lineage.html?id=model.movies.fct_movie&u=2&d=1"; the unique_id
/// percent-encoded outside [A-Za-z0-9._-]).
std::string lineage_page(const std::string& unique_id, int upstream, int downstream);

/// The script holding part `part` of the models' column lineage views
/// ("columns.3.js"), loaded by the lineage page of a model in that part.
std::string column_lineage_data(size_t part);

/// A whole page: `title` in <title> and the header, `body` (HTML) inside <main>.
std::string html_page(const std::string& project_name, const std::string& title, const std::string& body,
                      const std::string& generated_at);

}  // namespace mrun::docs
