#!/usr/bin/env bash
# Re-make the committed front-end files (src/eventwire/web/static/vendor/) from
# the npm packages pinned in web/package-lock.json. Only needed after a change to
# web/package.json or its lock: a checkout and a wheel already hold the files.
# Needs npm (Debian: apt-get install npm) and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cp web/package.json web/package-lock.json "$build/"
npm ci --prefix "$build" --silent --no-audit --no-fund --ignore-scripts
bash web/vendor.sh "$build/node_modules" src/eventwire/web/static/vendor
echo "refreshed src/eventwire/web/static/vendor; review and commit it (git status)" >&2
