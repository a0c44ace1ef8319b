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

# first free TCP port at or above $1 (parallel runs on one machine must not collide)
free_port() {
  local port=$1
  while (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

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
  local port=${BACKTESTING_TEST_PG_PORT:-$(free_port 55432)}
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
  local port queue table
  port=$(free_port "$(node -e "console.log(require('$root/azurite.json').blobPort)")")
  queue=$(free_port $((port + 1)))
  table=$(free_port $((queue + 1)))
  "$tools/node_modules/.bin/azurite" --silent --location "$work/azurite" --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$port" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" >"$work/azurite.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
    sleep 0.2
  done
  export BACKTESTING_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
  echo "tests/run.sh: Azurite blob endpoint on 127.0.0.1:$port"
}

# the dashboard test drives Debian's Chromium (no browser download)
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "tests/run.sh: installing Chromium (apt-get install chromium) for the dashboard test"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
fi

[ -n "${BACKTESTING_TEST_POSTGRES:-}" ] || start_postgres
[ -n "${BACKTESTING_TEST_AZURITE:-}" ] || start_azurite

# The Functions app and its tests need the Azure Functions worker and Durable Task packages; where the
# NuGet source does not serve them, BACKTESTING_FUNCTIONS_BUILD_TARGETS names a targets file adding a
# feed that holds them (.ci/run sets it to ../shared/azfeed/AzFeed.Consumer.targets). Every other
# project builds and tests through a solution filter without them.
functions_projects='Backtesting\.Functions(\.Tests)?\.csproj$'
core_filter="$work/core.slnf"
{
  printf '{"solution":{"path":"%s","projects":[' "$root/Backtesting.Functions.sln"
  dotnet sln Backtesting.Functions.sln list | grep -E '\.csproj$' | grep -Ev "$functions_projects" | tr '\\' '/' | sed 's/.*/"&"/' | paste -sd, -
  printf ']}}\n'
} >"$core_filter"

dotnet build "$core_filter" -c Release -nologo -v quiet -clp:ErrorsOnly

status=0
functions_tests=tests/Backtesting.Functions.Tests
functions_props=()
functions_built=0
if [ -n "${BACKTESTING_FUNCTIONS_BUILD_TARGETS:-}" ]; then
  functions_props=(-p:CustomAfterDirectoryBuildTargets="$(realpath "$BACKTESTING_FUNCTIONS_BUILD_TARGETS")")
  echo "tests/run.sh: building the Functions app with $BACKTESTING_FUNCTIONS_BUILD_TARGETS"
  if dotnet build "$functions_tests" -c Release -nologo -v quiet -clp:ErrorsOnly "${functions_props[@]}"; then functions_built=1; else status=1; fi
else
  # without that feed: a normal restore and build; where they fail (packages not served, or the Worker
  # SDK's host-extension step failing offline) the app is reported as not built, not as a test failure
  if ! functions_log=$(dotnet restore "$functions_tests" -nologo 2>&1); then
    reason="restoring its packages failed: $(grep -m 1 -oE 'error NU[0-9]+: .*' <<<"$functions_log" || tail -n 1 <<<"$functions_log")"
  elif ! functions_log=$(dotnet build "$functions_tests" -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly 2>&1); then
    reason="building it without the feed failed: $(grep -m 1 -oE 'error [A-Z]+[0-9]+: .*' <<<"$functions_log" | cut -c1-300 || tail -n 1 <<<"$functions_log")"
  else
    functions_built=1
  fi
  if [ "$functions_built" = 0 ]; then
    echo "tests/run.sh: WARNING: THE FUNCTIONS APP WAS NOT BUILT OR TESTED: ${reason}; set BACKTESTING_FUNCTIONS_BUILD_TARGETS to a targets file adding a feed that holds its packages, e.g. ../shared/azfeed/AzFeed.Consumer.targets"
  fi
fi

# infra/: compile and lint the Bicep with the CLI the NuGet package Azure.Bicep.CommandLine.linux-x64 ships
bicep_version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' infra/tools/BicepCli.csproj)
if dotnet restore infra/tools/BicepCli.csproj -nologo -v quiet >/dev/null 2>&1; then
  packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
  bicep="${packages%/}/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"
  chmod +x "$bicep"
  # any diagnostic, warnings included, fails the run
  if bicep_out=$("$bicep" build infra/main.bicep --outdir "$work/bicep" 2>&1 && "$bicep" lint infra/main.bicep 2>&1) && [ -z "$bicep_out" ]; then
    echo "tests/run.sh: infra/main.bicep builds and lints clean (Bicep $bicep_version)"
  else
    echo "$bicep_out" >&2
    echo "tests/run.sh: FAILED: infra/main.bicep does not build and lint clean" >&2
    status=1
  fi
else
  echo "tests/run.sh: WARNING: INFRA WAS NOT CHECKED: the Bicep CLI package Azure.Bicep.CommandLine.linux-x64 $bicep_version could not be restored"
fi

results="$work/results"
mkdir -p "$results"
dotnet test "$core_filter" -c Release --no-build -nologo --blame-hang-timeout 15m \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" || status=$?
if [ "$functions_built" = 1 ]; then
  dotnet test "$functions_tests" -c Release --no-build -nologo --blame-hang-timeout 15m "${functions_props[@]}" \
    --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" || status=$?
fi

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
