#!/usr/bin/env bash
# Set up onrecord on a fresh machine: system packages (for the PostgreSQL and
# browser tests), a virtual environment in .venv, and the package with its
# pinned dependencies.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ "${ONRECORD_SYSTEM_DEPS:-1}" = "1" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  need=""
  for p in postgresql chromium chromium-driver; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
  done
  # PySpark (the scale-out tests) needs a Java runtime.
  command -v java >/dev/null 2>&1 || need="$need openjdk-17-jre-headless"
  if [ -n "$need" ]; then
    echo "installing system packages:$need" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
