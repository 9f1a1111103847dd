#!/usr/bin/env bash
# The movies pipeline end to end on a fresh machine: install the packages,
# build mrun, generate The Movies Dataset at full scale (no internet needed),
# run `mrun build` on the embedded PostgreSQL, and preview every mart.
#
#   bash tools/movies_pipeline.sh                 # generated data, scale 1.0
#   SCALE=0.1 bash tools/movies_pipeline.sh       # a smaller generated dataset
#   DATASET_URI=s3://com.guild.us-west-2.public-data/project-data/the-movies-dataset.zip \
#     bash tools/movies_pipeline.sh               # the real file (needs internet)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
  bash tools/setup.sh
else
  echo "not root: skipping tools/setup.sh (run it as root once to install the packages)"
fi
cmake -B build -S . -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target mrun moviegen

dataset_uri="${DATASET_URI:-}"
if [ -z "$dataset_uri" ]; then
  scale="${SCALE:-1.0}"
  data=".mrun/data/the-movies-dataset-${scale}.zip"
  if [ ! -f "$data" ]; then
    mkdir -p .mrun/data
    echo "generating The Movies Dataset at scale $scale -> $data"
    build/moviegen --scale "$scale" --seed 42 --out "$data.tmp" && mv "$data.tmp" "$data"
  fi
  dataset_uri="file://$PWD/$data"
fi

status=0
build/mrun build --vars "{dataset_uri: '$dataset_uri'}" || status=$?

for mart in mart_company_year mart_company_genre_year mart_genre_year mart_top_genre_year mart_genre_rating_year; do
  echo
  build/mrun show "$mart" --limit 5 || status=1
done
exit "$status"
