using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Backtesting.ApiBenchmark;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Backtesting.ApiBenchmark [-- --runs 400 --concurrency 16 --sequential 30 --rounds 1 --warmup 20]
//     [--host path/to/Backtesting.Local.dll --host other/Backtesting.Local.dll] [--host-env NAME=VALUE ...] [--no-wait-ready] [--wait]
// Starts the local host (Release build; each --host in turn, round after round, to compare builds interleaved) on a free
// port with a fresh SQLite database, then measures submit -> completed latency (sequential) and completed runs per
// second (concurrent) on the demo GOOG bars, with the host's CPU time per completed run (user + system, polls included).
// --warmup N: runs before measuring (default 20, a host just started; the JIT is still compiling hot code a few thousand runs
// later on 2 loaded cores, so e.g. --warmup 2000 shows the steady state).
// --host-env NAME=VALUE (repeatable): set in the host's environment only, e.g. DOTNET_JitStdOutFile to list what the host
// compiles without the client's methods in the list.
// The host is measured once it is ready (GET /api/health/ready 200: its start-up warm-up over; "host live" is the first 200
// of /api/health); --no-wait-ready measures straight after live, while a warm-up still runs.
// --wait: the client asks GET /api/backtests/{id}?wait_seconds=30 (answered when the run ends) instead of polling every 2 ms.
// With --sessions: the BenchmarkDotNet benchmark of a trading session's autopilot over 1,000 bars (SessionAutopilotBenchmarks).
if (args.Contains("--sessions"))
{
    BenchmarkRunner.Run<SessionAutopilotBenchmarks>();
    return 0;
}
int runs = ArgInt("--runs", 400), concurrency = ArgInt("--concurrency", 16), sequential = ArgInt("--sequential", 30), rounds = ArgInt("--rounds", 1),
    warmup = ArgInt("--warmup", 20);
var hosts = ArgValues("--host").Select(dll => (string?)dll).ToList();
if (hosts.Count == 0) hosts.Add(null);
bool waitReady = !args.Contains("--no-wait-ready");
string statusQuery = args.Contains("--wait") ? "?wait_seconds=30" : "";
var hostEnvironment = ArgValues("--host-env").Select(v => v.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length == 2 ? kv[1] : "");
// the runtime's background compiler thread (".NET Tiered Compilation Worker", cut to 15 characters by Linux)
const string TierUpThread = ".NET Tiered";
long polls = 0; // GET /api/backtests/{id} until completed, the client's share of the host's CPU

for (int round = 1; round <= rounds; round++)
{
    foreach (string? dll in hosts)
    {
        Console.WriteLine($"round {round}, host {dll ?? "this checkout"}, load average {LoadAverage()}");
        await using var host = await LocalHostProcess.StartAsync(dll, hostEnvironment, waitReady);
        await MeasureAsync(host);
    }
}
return 0;

async Task MeasureAsync(LocalHostProcess host)
{
    var http = host.Http;
    // the runtime's background tier-up compiler, per phase: the JIT work a fresh host still has to do
    var tierUp = host.ThreadProcessorTime(TierUpThread);
    Console.WriteLine($"  host start: CPU {host.ProcessorTime.TotalMilliseconds:0} ms, tier-up JIT {tierUp.TotalMilliseconds:0} ms");
    // the first run alone: how soon a host just started answers with a result
    if (warmup > 0) Console.WriteLine($"  first run: submit -> completed {await RunOneAsync(http):0.0} ms");
    // the rest of the warm-up with as many in flight as the throughput phase has, so the concurrent paths are compiled too
    var cpu = host.ProcessorTime;
    using (var warm = new SemaphoreSlim(concurrency))
    {
        await Task.WhenAll(Enumerable.Range(0, Math.Max(0, warmup - 1)).Select(async _ =>
        {
            await warm.WaitAsync();
            try { await RunOneAsync(http); } finally { warm.Release(); }
        }));
    }
    Console.WriteLine($"  warm-up: {warmup} runs, host CPU {(host.ProcessorTime - cpu).TotalMilliseconds:0} ms, tier-up JIT {TierUpSince(ref tierUp):0} ms");
    var latencies = new List<double>();
    cpu = host.ProcessorTime;
    Interlocked.Exchange(ref polls, 0);
    for (int i = 0; i < sequential; i++) latencies.Add(await RunOneAsync(http));
    double sequentialCpu = (host.ProcessorTime - cpu).TotalMilliseconds / sequential, sequentialPolls = Interlocked.Read(ref polls) / (double)sequential;
    latencies.Sort();
    Console.WriteLine($"  submit -> completed, sequential, GOOG sma_crossover 10/20 (2148 bars), {sequential} runs: " +
        $"p50 {Percentile(latencies, 0.5):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, min {latencies[0]:0.0} ms; host CPU {sequentialCpu:0.00} ms/run, {sequentialPolls:0.0} polls/run; " +
        $"tier-up JIT {TierUpSince(ref tierUp):0} ms");

    cpu = host.ProcessorTime;
    Interlocked.Exchange(ref polls, 0);
    var clock = Stopwatch.StartNew();
    using var gate = new SemaphoreSlim(concurrency);
    await Task.WhenAll(Enumerable.Range(0, runs).Select(async _ =>
    {
        await gate.WaitAsync();
        try { await RunOneAsync(http); } finally { gate.Release(); }
    }));
    double seconds = clock.Elapsed.TotalSeconds, concurrentCpu = (host.ProcessorTime - cpu).TotalMilliseconds / runs;
    Console.WriteLine($"  throughput: {runs} runs with {concurrency} in flight in {seconds:0.00} s = {runs / seconds:0.0} completed runs/s; " +
        $"host CPU {concurrentCpu:0.00} ms/run, {Interlocked.Read(ref polls) / (double)runs:0.0} polls/run; tier-up JIT {TierUpSince(ref tierUp):0} ms; load average {LoadAverage()}");

    double TierUpSince(ref TimeSpan before)
    {
        var now = host.ThreadProcessorTime(TierUpThread);
        (var spent, before) = (now - before, now);
        return spent.TotalMilliseconds;
    }
}

async Task<double> RunOneAsync(HttpClient http)
{
    var clock = Stopwatch.StartNew();
    var response = await http.PostAsJsonAsync("/api/backtests", new
    {
        strategy_id = "sma_crossover", asset_symbol = "GOOG", initial_capital = 10000,
        parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 },
    });
    if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    string id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["backtest_id"]!;
    while (true)
    {
        Interlocked.Increment(ref polls);
        var run = JsonNode.Parse(await http.GetStringAsync($"/api/backtests/{id}{statusQuery}"))!;
        string status = (string)run["status"]!;
        if (status == "completed") return clock.Elapsed.TotalMilliseconds;
        if (status is "failed" or "cancelled") throw new InvalidOperationException($"run {id} {status}: {run["error"]}");
        await Task.Delay(2); // polling over HTTP, as a client does: there is nothing to wait on
    }
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "n/a";
    }
}

// the value after each occurrence of a repeatable option
IEnumerable<string> ArgValues(string name) =>
    args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Length).Select(x => args[x.i + 1]);

int ArgInt(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;
}
