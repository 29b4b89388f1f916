#!/usr/bin/env bash
# Set up onrecord on a fresh machine: system packages (for the PostgreSQL and
# browser tests), a virtual environment in .venv, and the package with its
# pinned dependencies.  Safe to run again.
#   PYTHON  the interpreter to build the environment with (default python3.11, else python3)
#   VENV    where the environment goes (default .venv); one per Python version:
#           PYTHON=python3.13 VENV=.venv313 bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
VENV=${VENV:-.venv}
if ! command -v "$PY" >/dev/null 2>&1; then
  if [ -n "${PYTHON:-}" ]; then echo "setup: PYTHON=$PYTHON not found" >&2; exit 1; fi
  PY=python3
fi
if [ "${ONRECORD_SYSTEM_DEPS:-1}" = "1" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  need=""
  for p in postgresql chromium chromium-driver; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
  done
  # PySpark (the scale-out tests) needs a Java runtime, 17 or later.
  need_java=0
  command -v java >/dev/null 2>&1 || need_java=1
  if [ -n "$need" ] || [ "$need_java" = "1" ]; then
    apt-get update -qq
    if [ "$need_java" = "1" ]; then
      # Debian 12 has openjdk-17; later releases only newer ones (default-jre-headless)
      for j in openjdk-17-jre-headless default-jre-headless; do
        if apt-cache show "$j" >/dev/null 2>&1; then need="$need $j"; break; fi
      done
    fi
    echo "installing system packages:$need" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
fi
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
want=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
have=$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ -n "${PYTHON:-}" ] && [ "$want" != "$have" ]; then
  echo "setup: $VENV has Python $have, not $want ($PY): give another VENV=" >&2; exit 1
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[test,lint]"
# Under CI every test must run: say now, not as skipped tests, what is missing.
if [ "${CI:-}" = "true" ]; then
  "$VENV/bin/python" -c "import pyspark" || { echo "CI: pyspark is not installed" >&2; exit 1; }
  java -version >/dev/null 2>&1 || { echo "CI: no Java runtime for the Spark tests" >&2; exit 1; }
fi
