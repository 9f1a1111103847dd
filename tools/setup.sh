#!/usr/bin/env bash
# Installs every Debian package mrun needs to build, test and run.
# Idempotent: packages already present are left alone. Run as root.
set -euo pipefail

packages=(
  # build
  g++ cmake make pkg-config
  libpqxx-dev libpq-dev libyaml-cpp-dev libcurl4-openssl-dev libzip-dev
  libcli11-dev catch2 nlohmann-json3-dev
  # ISA-L: inflates zip entries 2-3x faster than zlib (load/archive/raw_inflate.h);
  # zlib's headers for the tests that compress with an independent implementation
  libisal-dev zlib1g-dev
  # the allocator of the mrun binary (faster for many small allocations),
  # and libyaml, the YAML parser (yaml-cpp holds the nodes)
  libjemalloc-dev libyaml-dev
  # the embedded database
  postgresql postgresql-client
  # mrun docs: cmark-gfm renders descriptions as Markdown (with tables),
  # cpp-httplib serves the site (header-only); the browser test drives
  # Debian's chromium (the lineage's Graphviz is viz.js from npm, below)
  libcmark-gfm-dev libcmark-gfm-extensions-dev libcpp-httplib-dev chromium
  # mrun deps: git packages through the git command line, hub tarballs through tar
  git tar
  # tests: reference Jinja2, dataset checks, S3 signing server, fuzzing
  python3 python3-jinja2 python3-pandas python3-botocore python3-sqlalchemy python3-psycopg2
  clang libclang-rt-14-dev zip unzip
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "setup: all ${#packages[@]} packages present"

# Node.js for the browser test's driver (a machine may have it from elsewhere
# already), then puppeteer-core into tools/browser-test/node_modules: the
# driver only, pointed at /usr/bin/chromium; it downloads no browser.
if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends nodejs npm
fi
browser_test_dir="$(dirname "$0")/browser-test"
if [ ! -d "$browser_test_dir/node_modules/puppeteer-core" ]; then
  (cd "$browser_test_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: puppeteer-core present in tools/browser-test"
# viz.js (Graphviz compiled to WebAssembly) into tools/docs-site/node_modules:
# the build bundles it into mrun, and the docs site lays out its lineage
# with it in the browser (runner/src/docs/viz_asset.h).
docs_site_dir="$(dirname "$0")/docs-site"
if [ ! -f "$docs_site_dir/node_modules/@viz-js/viz/dist/viz-global.js" ]; then
  (cd "$docs_site_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: viz.js present in tools/docs-site"
