#!/usr/bin/env bash
# Install (if needed) and run the whole test suite, quality gates included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
