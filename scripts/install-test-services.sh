#!/usr/bin/env bash
# Installs what the test suite needs beyond `npm ci`: docker-compose, to check
# docker-compose.yml, and Debian's chromium, in which test/browser.test.ts renders every page
# (driven by playwright-core, which downloads no browser of its own). PostgreSQL needs nothing
# here: the tests run on the embedded server that the embedded-postgres package ships (see
# test/postgres-global-setup.ts).
set -euo pipefail

missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "docker-compose $(docker-compose --version | awk '{print $3}')"
chromium --version
