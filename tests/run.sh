#!/usr/bin/env bash
# Runs every test of the repository: builds the whole solution (the Functions app included, from NuGet's
# official packages), compiles and lints infra/, starts a throwaway PostgreSQL cluster and Azurite (unless
# BACKTESTING_TEST_POSTGRES / BACKTESTING_TEST_AZURITE point at servers you run), runs every test project,
# prints a line per test project and per Node e2e suite, then one closing line "N passed, N failed, N skipped",
# and stops what it started. Anything that cannot be installed, restored, built or run is a failure (exit 1)
# with its reason. The trx and TAP files of a failed run are kept under tests/TestResults/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d /tmp/backtesting-tests.XXXXXX)
chmod 755 "$work"
results="$work/results"
pids=()
pg_dir=""
status=0

cleanup() {
  local code=$?
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ "$code" != 0 ] && [ -d "$results" ]; then
    local kept
    kept="$root/tests/TestResults/run-$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$kept"
    cp -r "$results"/. "$kept"/
    [ -f "$pg_dir/log" ] && cp "$pg_dir/log" "$kept/postgres.log"
    [ -f "$work/azurite.log" ] && cp "$work/azurite.log" "$kept/azurite.log"
    echo "tests/run.sh: the failed run's results (trx, Node TAP, server logs) are kept in ${kept#"$root"/}" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

die() { echo "tests/run.sh: FAILED: $*" >&2; exit 1; }
# a failure that still lets the tests run and be counted; the run exits 1
fail() { echo "tests/run.sh: FAILED: $*" >&2; status=1; }

# first free TCP port at or above $1 (parallel runs on one machine must not collide)
free_port() {
  local port=$1
  while (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

# apt-get waits for dpkg's lock itself (DPkg::Lock::Timeout); the package-lists lock of `apt-get update` is not
# covered by it, so a lock held by another apt run (a parallel test run, unattended upgrades) is retried here.
apt_get() {
  local out=""
  for _ in $(seq 1 60); do
    if out=$(DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1); then return 0; fi
    grep -qE 'Could not get lock|Unable to lock|Unable to acquire' <<<"$out" || break
    sleep 10
  done
  echo "$out" >&2
  return 1
}

apt_install() {
  echo "tests/run.sh: installing $* (apt-get install)"
  apt_get update -qq || die "apt-get update failed (output above), so $* cannot be installed"
  apt_get install -y -qq "$@" || die "apt-get install $* failed (output above)"
}

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ] && can_apt; then
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [ -n "$pg_bin" ] || die "PostgreSQL is not installed. Install it (apt-get install -y postgresql) or set BACKTESTING_TEST_POSTGRES to a connection string of a server you run."
  local port=${BACKTESTING_TEST_PG_PORT:-$(free_port 55432)}
  pg_dir="$work/pg"
  mkdir -p "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  as_postgres "$pg_bin/initdb" -D "$pg_dir" -A trust -U postgres >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -w -l "$pg_dir/log" start >/dev/null \
    || die "PostgreSQL did not start: $(tail -n 5 "$pg_dir/log" 2>/dev/null)"
  export BACKTESTING_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "tests/run.sh: PostgreSQL on 127.0.0.1:$port"
}

start_azurite() {
  local tools="$root/tests/.tools"
  if [ ! -x "$tools/node_modules/.bin/azurite" ]; then
    command -v npm >/dev/null || die "npm is needed to install Azurite (npm install azurite), or set BACKTESTING_TEST_AZURITE to the blob connection string of a running Azurite."
    echo "tests/run.sh: installing Azurite (npm install azurite)"
    mkdir -p "$tools"
    (cd "$tools" && npm install --no-audit --no-fund --silent azurite >/dev/null) || die "npm install azurite failed (output above)"
  fi
  local port queue table
  port=$(free_port "$(node -e "console.log(require('$root/azurite.json').blobPort)")")
  queue=$(free_port $((port + 1)))
  table=$(free_port $((queue + 1)))
  "$tools/node_modules/.bin/azurite" --silent --location "$work/azurite" --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$port" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" >"$work/azurite.log" 2>&1 &
  pids+=($!)
  local up=0
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then up=1; break; fi
    sleep 0.2
  done
  [ "$up" = 1 ] || die "Azurite did not listen on 127.0.0.1:$port: $(tail -n 5 "$work/azurite.log")"
  # queue and table endpoints for the Durable task hub of tests/Backtesting.Worker.Tests (blob clients ignore them)
  export BACKTESTING_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "tests/run.sh: Azurite blob endpoint on 127.0.0.1:$port"
}

# the dashboard test drives Debian's Chromium (no browser download); without root the test itself says what is missing
if [ ! -x /usr/bin/chromium ] && can_apt; then apt_install chromium; fi

[ -n "${BACKTESTING_TEST_POSTGRES:-}" ] || start_postgres
[ -n "${BACKTESTING_TEST_AZURITE:-}" ] || start_azurite

# One build of the whole solution; the Functions app restores its Worker and Durable Task packages from NuGet
# like every other project (warnings are errors there too: the versions the registry lacks are pinned in Directory.Packages.props).
echo "tests/run.sh: building Backtesting.Functions.sln"
dotnet build Backtesting.Functions.sln -c Release -nologo -v quiet -clp:ErrorsOnly \
  || die "the solution does not restore or build (errors above); every project, the Functions app included, must build from NuGet's packages"

# infra/: compile and lint the Bicep with the CLI the NuGet package Azure.Bicep.CommandLine.linux-x64 ships
bicep_version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' infra/tools/BicepCli.csproj)
if bicep_restore=$(dotnet restore infra/tools/BicepCli.csproj -nologo -v quiet 2>&1); then
  packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
  bicep="${packages%/}/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"
  chmod +x "$bicep"
  # any diagnostic, warnings included, fails the run
  if bicep_out=$("$bicep" build infra/main.bicep --outdir "$work/bicep" 2>&1 && "$bicep" lint infra/main.bicep 2>&1) && [ -z "$bicep_out" ]; then
    echo "tests/run.sh: infra/main.bicep builds and lints clean (Bicep $bicep_version)"
  else
    echo "$bicep_out" >&2
    fail "infra/main.bicep does not build and lint clean (Bicep $bicep_version, diagnostics above)"
  fi
else
  echo "$bicep_restore" >&2
  fail "infra was not checked: the Bicep CLI package Azure.Bicep.CommandLine.linux-x64 $bicep_version could not be restored (output above)"
fi

# The xunit wrappers of the Node e2e suites (tests/*/e2e) have node write a TAP report per suite here.
mkdir -p "$results"
export BACKTESTING_NODE_RESULTS="$results/node"
test_exit=0
dotnet test Backtesting.Functions.sln -c Release --no-build -nologo --blame-hang-timeout 15m \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" || test_exit=$?

# The summary: a line per test project (its trx) and per Node suite (its TAP), then one closing line over all.
passed=0; failed=0; skipped=0; missing=()
add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }
trx_counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2" | grep . || echo 0; }
tap_counter() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$2" | tail -n 1 | grep . || echo 0; }
for project in $(dotnet sln Backtesting.Functions.sln list | tr '\\' '/' | sed -n 's#^tests/[^/]*/\([^/]*\)\.csproj$#\1#p'); do
  trx=$(grep -lF "/$project.dll\"" "$results"/*.trx 2>/dev/null | head -n 1 || true)
  counters=$([ -n "$trx" ] && grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  if [ -z "$counters" ] || [ "$(trx_counter total "$counters")" = 0 ]; then
    echo "  xunit $project: NO RESULTS"; missing+=("$project"); continue
  fi
  p=$(trx_counter passed "$counters")
  f=$(( $(trx_counter failed "$counters") + $(trx_counter error "$counters") + $(trx_counter timeout "$counters") + $(trx_counter aborted "$counters") ))
  s=$(trx_counter notExecuted "$counters")
  echo "  xunit $project: $p passed, $f failed, $s skipped"
  add "$p" "$f" "$s"
done
for suite_file in tests/*/e2e/*.e2e.test.mjs clients/*/test/*.e2e.test.mjs; do
  suite=$(basename "$suite_file" .e2e.test.mjs)
  tap="$BACKTESTING_NODE_RESULTS/$suite.tap"
  if [ ! -f "$tap" ] || [ "$(tap_counter tests "$tap")" = 0 ]; then
    echo "  node e2e ($suite): NO RESULTS"; missing+=("node e2e ($suite), run by $(dirname "$(dirname "$suite_file")")"); continue
  fi
  p=$(tap_counter pass "$tap")
  f=$(( $(tap_counter fail "$tap") + $(tap_counter cancelled "$tap") ))
  s=$(( $(tap_counter skipped "$tap") + $(tap_counter todo "$tap") ))
  echo "  node e2e ($suite): $p passed, $f failed, $s skipped"
  add "$p" "$f" "$s"
done
if [ "${#missing[@]}" -gt 0 ]; then
  fail "no test results from: $(printf '%s; ' "${missing[@]}")a build, start-up or crash stopped them (see above)"
fi
if [ "$test_exit" != 0 ]; then
  status=1
  [ "$failed" != 0 ] || fail "dotnet test exited with $test_exit although no test failed (a test host crashed or hung; see above)"
fi
[ "$failed" = 0 ] || status=1
[ "$passed" != 0 ] || fail "no test ran"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
