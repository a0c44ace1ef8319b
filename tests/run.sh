#!/usr/bin/env bash
# Runs every test of the repository: builds the solution, starts a throwaway PostgreSQL cluster and
# Azurite (unless BACKTESTING_TEST_POSTGRES / BACKTESTING_TEST_AZURITE point at servers you run),
# runs all test projects, prints one summary line "N passed, N failed" and stops what it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d /tmp/backtesting-tests.XXXXXX)
chmod 755 "$work"
pids=()
pg_dir=""

cleanup() {
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "tests/run.sh: installing PostgreSQL (apt-get install postgresql)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  if [ -z "$pg_bin" ]; then
    echo "tests/run.sh: FAILED: PostgreSQL is not installed. Install it (apt-get install -y postgresql) or set BACKTESTING_TEST_POSTGRES to a connection string of a server you run." >&2
    exit 1
  fi
  local port=${BACKTESTING_TEST_PG_PORT:-55432}
  pg_dir="$work/pg"
  mkdir -p "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  as_postgres "$pg_bin/initdb" -D "$pg_dir" -A trust -U postgres >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -w -l "$pg_dir/log" start >/dev/null
  export BACKTESTING_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "tests/run.sh: PostgreSQL on 127.0.0.1:$port"
}

start_azurite() {
  local tools="$root/tests/.tools"
  if [ ! -x "$tools/node_modules/.bin/azurite" ]; then
    if ! command -v npm >/dev/null; then
      echo "tests/run.sh: FAILED: npm is needed to install Azurite (npm install azurite), or set BACKTESTING_TEST_AZURITE to the blob connection string of a running Azurite." >&2
      exit 1
    fi
    echo "tests/run.sh: installing Azurite (npm install azurite)"
    mkdir -p "$tools"
    (cd "$tools" && npm install --no-audit --no-fund --silent azurite >/dev/null)
  fi
  local port
  port=$(node -e "console.log(require('$root/azurite.json').blobPort)")
  "$tools/node_modules/.bin/azurite" --silent --location "$work/azurite" --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$work/azurite.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
    sleep 0.2
  done
  export BACKTESTING_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
  echo "tests/run.sh: Azurite blob endpoint on 127.0.0.1:$port"
}

[ -n "${BACKTESTING_TEST_POSTGRES:-}" ] || start_postgres
[ -n "${BACKTESTING_TEST_AZURITE:-}" ] || start_azurite

dotnet build Backtesting.Functions.sln -c Release -nologo -v quiet -clp:ErrorsOnly

status=0
results="$work/results"
mkdir -p "$results"
dotnet test Backtesting.Functions.sln -c Release --no-build -nologo \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" || status=$?

# One closing line over every project's trx file.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
if [ "$passed" = 0 ] && [ "$status" = 0 ]; then status=1; echo "tests/run.sh: no test ran" >&2; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
