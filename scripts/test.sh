#!/usr/bin/env bash
# The README's test command: set up (idempotent) and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" = "5" ]; then echo "no tests ran: failing" >&2; exit 1; fi
exit "$rc"
