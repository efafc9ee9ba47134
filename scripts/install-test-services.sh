#!/usr/bin/env bash
# Installs and starts what the test suite needs beyond Node: a PostgreSQL server (the audit
# store is tested against real PostgreSQL as well as embedded PGlite) and docker-compose
# (to check docker-compose.yml). Writes the connection settings to .ci/test-env.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
if ((${#need[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
cluster=main
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version $cluster$"; then
  pg_createcluster "$version" "$cluster" >/dev/null
fi
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')

su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='citizen_graph'\"" | grep -q 1 ||
  su postgres -c "psql -p $port -qc \"CREATE ROLE citizen_graph LOGIN PASSWORD 'citizen_graph'\""
su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='citizen_graph_test'\"" | grep -q 1 ||
  su postgres -c "psql -p $port -qc \"CREATE DATABASE citizen_graph_test OWNER citizen_graph\""

echo "export TEST_DATABASE_URL=postgres://citizen_graph:citizen_graph@127.0.0.1:$port/citizen_graph_test" > .ci/test-env
echo "PostgreSQL $version on port $port; docker-compose $(docker-compose --version | awk '{print $3}')"
