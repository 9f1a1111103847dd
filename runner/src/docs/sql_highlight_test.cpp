#include "docs/sql_highlight.h"

#include <catch2/catch.hpp>

#include "docs/html.h"

using namespace mrun::docs;

TEST_CASE("highlighted SQL marks keywords, strings, numbers, comments and Jinja, and escapes the rest") {
  CHECK(highlight_sql("select a from t where b = 'x''<y' and c > 10 -- note\n") ==
        "<span class=\"k\">select</span> a <span class=\"k\">from</span> t <span class=\"k\">where</span> b = "
        "<span class=\"s\">&#39;x&#39;&#39;&lt;y&#39;</span> <span class=\"k\">and</span> c &gt; "
        "<span class=\"n\">10</span> <span class=\"c\">-- note\n</span>");
  CHECK(highlight_sql("{{ ref('m') }} as t1") ==
        "<span class=\"j\">{{ ref(&#39;m&#39;) }}</span> <span class=\"k\">as</span> t1");
  CHECK(highlight_sql("/* open") == "<span class=\"c\">/* open</span>");
  CHECK(highlight_sql("SELECT \"Select\"") == "<span class=\"k\">SELECT</span> <span class=\"s\">&quot;Select&quot;</span>");
}

TEST_CASE("page names keep a unique_id readable and safe as a file name") {
  CHECK(node_page("model.movies.fct_movie") == "model.movies.fct_movie.html");
  CHECK(node_page("source.p.raw.a/b c") == "source.p.raw.a~2Fb~20c.html");
  CHECK(lineage_page("model.p.m", 3, 1) == "lineage.html?id=model.p.m&u=3&d=1");
  CHECK(lineage_page("source.p.raw.a/b c", 2, 2) == "lineage.html?id=source.p.raw.a%2Fb%20c&u=2&d=2");
  CHECK(escape_html("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}
