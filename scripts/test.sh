#!/usr/bin/env bash
# The README's test command: set up (idempotent), run ruff and mypy, then the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# static checks first (configured in pyproject.toml): lint, then types
.venv/bin/ruff check .
.venv/bin/mypy
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" = "5" ]; then echo "no tests ran: failing" >&2; exit 1; fi
exit "$rc"
