#!/usr/bin/env bash
# The README's main command: set up and analyse the bundled seed pages.
set -euo pipefail
cd "$(dirname "$0")/.."
ONRECORD_SYSTEM_DEPS=0 bash scripts/setup.sh
SEEDS=${SEEDS:-examples/seeds}
.venv/bin/onrecord analyze "$SEEDS" --out out/seeds
.venv/bin/onrecord analyze "$SEEDS" --format text
