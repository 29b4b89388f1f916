#!/usr/bin/env bash
# The README's test command: set up (idempotent), run ruff and mypy, then the test suite.
#   PYTHON, VENV  as for scripts/setup.sh: PYTHON=python3.13 VENV=.venv313 bash scripts/test.sh
#   arguments     go to pytest (bash scripts/test.sh -m "not slow" tests/test_clean.py)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export VENV
bash scripts/setup.sh
"$VENV/bin/python" --version
# static checks first (configured in pyproject.toml): lint, then types
"$VENV/bin/ruff" check .
"$VENV/bin/mypy"
set +e
"$VENV/bin/python" -m pytest "$@"
rc=$?
set -e
if [ "$rc" = "5" ]; then echo "no tests ran: failing" >&2; exit 1; fi
exit "$rc"
