// SQL (and the Jinja in a model's raw SQL) as HTML with highlighting: each
// keyword, string, number, comment and Jinja tag in a <span> whose class
// site.css colours. The tokens are coarse on purpose: it only colours, it
// never decides what the SQL means, and any text comes out escaped.
#pragma once

#include <string>
#include <string_view>

namespace mrun::docs {

/// `sql` as escaped HTML with <span class="k|s|n|c|j"> around keywords,
/// strings and quoted identifiers, numbers, comments and Jinja tags.
std::string highlight_sql(std::string_view sql);

}  // namespace mrun::docs
