#include "load/archive/directory_dataset.h"

#include <catch2/catch.hpp>

#include "fetch/fetch_test_support.h"
#include "util/error.h"

using namespace mrun;
using namespace mrun::load;
using mrun::test::read_all;
using mrun::test::ScratchDir;
using mrun::test::write_bytes;

TEST_CASE("directory dataset lists files recursively and opens them by path or base name", "[directory]") {
  ScratchDir dir("dir-basic");
  std::string movies = mrun::test::sample_csv(100000, 1);
  write_bytes(dir / "movies_metadata.csv", movies);
  write_bytes(dir / "sub/ratings.csv", "userId,movieId\n1,2\n");
  write_bytes(dir / ".hidden/skip.csv", "x");
  write_bytes(dir / ".DS_Store", "x");

  DirectoryDataset ds(dir.path.string());
  CHECK(ds.files() == std::vector<std::string>{"movies_metadata.csv", "sub/ratings.csv"});
  auto s = ds.open("movies_metadata.csv");
  CHECK(s->size() == movies.size());
  CHECK(read_all(*s) == movies);
  CHECK(read_all(*ds.open("ratings.csv")) == "userId,movieId\n1,2\n");
  CHECK(read_all(*ds.open("sub/ratings.csv")) == "userId,movieId\n1,2\n");
  CHECK_THROWS_WITH(ds.open("keywords.csv"), Catch::Contains("no file named 'keywords.csv'"));
  CHECK_THROWS_AS(DirectoryDataset(dir / "nope"), RunError);
}
