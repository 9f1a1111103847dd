// mrun: a dbt-style SQL transformation runner. This file only wires the CLI.
#include "cli/app.h"

int main(int argc, char** argv) { return mrun::cli::run(argc, argv); }
