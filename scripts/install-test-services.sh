#!/usr/bin/env bash
# Installs what the test suite needs beyond `npm ci`: docker-compose, to check
# docker-compose.yml. PostgreSQL needs nothing here: the tests run on the embedded server that
# the embedded-postgres package ships (see test/postgres-global-setup.ts).
set -euo pipefail

if ! command -v docker-compose >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
echo "docker-compose $(docker-compose --version | awk '{print $3}')"
