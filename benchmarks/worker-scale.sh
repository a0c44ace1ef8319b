#!/usr/bin/env bash
# Scale figures of the Durable worker host (src/Backtesting.Functions/README.md, "Scale-out"): a 10,000-cell
# sma_crossover grid on gbm_1000000 (1M one-minute bars), submitted by the local host with
# Workflows:Engine=DurableTask and run by WORKERS local src/Backtesting.Worker processes on one Azure Storage task hub.
# Prints wall time, cells/s, batches per worker and the queue latency of the grid's activity messages
# (DurableTask.AzureStorage's "total delay" from enqueue to processing).
# usage: benchmarks/worker-scale.sh WORKERS "AZURE_STORAGE_CONNECTION_STRING (blob, queue and table endpoints)" [CSV] [CELLS]
# CELLS (default 10000, a multiple of 100 up to 10000) shortens the grid on a slow machine: CELLS/100 fast periods x 100.
# Build first: dotnet build src/Backtesting.Local -c Release; dotnet build src/Backtesting.Cli -c Release
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
workers=${1:?number of worker processes}
storage=${2:?Azure Storage connection string with blob, queue and table endpoints}
data=${3:-$root/../shared/data/gbm_1000000.csv.gz}
cells=${4:-10000}
{ [ $((cells % 100)) = 0 ] && [ "$cells" -ge 100 ] && [ "$cells" -le 10000 ]; } || { echo "CELLS must be a multiple of 100 in 100..10000, got $cells" >&2; exit 2; }
bin=$root/src; cfg=bin/Release/net10.0
dir=$(mktemp -d /tmp/worker-scale.XXXXXX)
pids=()
trap 'for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$dir"' EXIT
cli() { dotnet "$bin/Backtesting.Cli/$cfg/backtest.dll" "$@"; }

cli import --connection "$dir/bt.db" --symbol GBM --timeframe 1m --file "$data" >/dev/null
key=$(cli users create --id bench --admin --connection "$dir/bt.db" | grep -o 'btk_[A-Za-z0-9_-]*' | head -n 1)
export Storage__SqlitePath="$dir/bt.db" Storage__BlobDirectory="$dir/blobs"
export Workflows__DurableTask__StorageConnectionString="$storage" Workflows__DurableTask__TaskHub="scale$(date +%s)"
port=$((20000 + RANDOM % 10000))
# no start-up warm-up: the host only submits here, and its warm-up would take CPU from the measured workers
Workflows__Engine=DurableTask ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_ENVIRONMENT=Production Backtesting__Schedules__LocalTickSeconds=0 Backtesting__Warmup__Runs=0 \
  dotnet "$bin/Backtesting.Local/$cfg/Backtesting.Local.dll" >"$dir/local.log" 2>&1 &
pids+=($!)
until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do sleep 0.5; done
for i in $(seq 1 "$workers"); do
  Workflows__DurableTask__WorkerId="w$i" Logging__Console__FormatterOptions__SingleLine=true \
    dotnet "$bin/Backtesting.Worker/$cfg/Backtesting.Worker.dll" >"$dir/w$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$workers"); do until grep -q "serves task hub" "$dir/w$i.log"; do sleep 0.5; done; done

# CELLS/100 fast x 100 slow periods (all fast < slow; 10,000 cells by default), 100 cells per activity = CELLS/100 batches
body='{"strategy_id":"sma_crossover","asset_symbol":"GBM","timeframe":"1m","start_date":"2020-01-01","end_date":"2021-12-31",
  "initial_capital":100000,"parameters":{"commission":0.0001},"grid":{"fast_period":"2:'"$((cells / 100 + 1))"':1","slow_period":"110:1100:10"},
  "objective":"sharpe_ratio","batch_size":100}'
t0=$(date +%s.%N)
id=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/api/optimizations" | sed -n 's/.*"backtest_id":"\([^"]*\)".*/\1/p')
[ -n "$id" ] || { echo "submit failed"; tail -n 20 "$dir/local.log"; exit 1; }
while :; do
  status=$(curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/optimizations/$id" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')
  case "$status" in completed) break ;; failed|cancelled) echo "run $id $status"; exit 1 ;; esac
  sleep 1
done
t1=$(date +%s.%N)
wall=$(echo "$t1 - $t0" | bc -l)
echo "workers=$workers cells=$cells run=$id wall_s=$(printf %.1f "$wall") cells_per_s=$(printf %.1f "$(echo "$cells / $wall" | bc -l)") (load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cpus)"
for i in $(seq 1 "$workers"); do
  n=$(grep -c "executed EvaluateCellsActivity" "$dir/w$i.log" || true)
  ms=$(grep -o "executed EvaluateCellsActivity in [0-9]* ms" "$dir/w$i.log" | awk '{s+=$4} END {if (NR) printf "%.0f", s/NR; else print 0}')
  echo "  w$i: $n batches, mean $ms ms per 100-cell batch"
done
cat "$dir"/w*.log | grep -o 'Processing \[TaskScheduled#[0-9]*\] (total delay = [0-9]*ms)' | grep -o '[0-9]*ms' | tr -d 'ms' | sort -n |
  awk '{a[NR]=$1; s+=$1} END {if (NR) printf "  activity queue latency over %d messages: mean %.0f ms, median %d ms, max %d ms\n", NR, s/NR, a[int((NR+1)/2)], a[NR]}'
