#!/usr/bin/env bash
# Installs the test dependencies (and Chromium for the browser tests when missing), then runs
# every check: lint, types and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v shellcheck >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver shellcheck >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver shellcheck >/dev/null
  fi
fi
# axe-core and the Nu HTML checker (vnu-jar, which runs on Java) for the browser and HTML tests, pinned
# in tests/browser-tools/package-lock.json. --ignore-scripts: vnu-jar ships its jar, and its install
# script would only try to download a Java runtime.
if ! command -v java >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless npm >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless npm >/dev/null
  fi
fi
if ! cmp -s tests/browser-tools/package-lock.json tests/browser-tools/node_modules/.installed-lock.json; then
  npm ci --prefix tests/browser-tools --ignore-scripts --no-audit --no-fund --loglevel=error
  cp tests/browser-tools/package-lock.json tests/browser-tools/node_modules/.installed-lock.json
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check generator tests benchmarks
.venv/bin/mypy
.venv/bin/trackrecord validate
.venv/bin/python -m pytest "$@"
