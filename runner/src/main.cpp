// mrun: a dbt-style SQL transformation runner. This file only wires the CLI.
#include "cli/app.h"

// jemalloc (linked as the allocator, runner/CMakeLists.txt) reads its options
// from this symbol. Transparent huge pages for its memory: parsing a large
// project touches ~200 MB of fresh small objects, and with 4 KB pages the
// page faults were a sixth of `mrun ls` (0.55 -> 0.45 s on 10,000 models).
// MALLOC_CONF in the environment still overrides it.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}

int main(int argc, char** argv) { return mrun::cli::run(argc, argv); }
