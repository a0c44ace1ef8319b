using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

// dotnet run -c Release --project benchmarks/Backtesting.ApiBenchmark [-- --runs 200 --concurrency 16]
// Starts the local host (Release build) on a free port with a fresh SQLite database, then measures
// submit -> completed latency (sequential) and completed runs per second (concurrent) on the demo GOOG bars.
int runs = ArgInt("--runs", 200), concurrency = ArgInt("--concurrency", 16), sequential = ArgInt("--sequential", 30);
string root = FindRoot();
string dll = Path.Combine(root, "src", "Backtesting.Local", "bin", "Release", "net10.0", "Backtesting.Local.dll");
if (!File.Exists(dll)) { Console.Error.WriteLine($"build the host first: dotnet build src/Backtesting.Local -c Release ({dll} missing)"); return 2; }
string data = Path.Combine(Path.GetTempPath(), "bt-apibench-" + Guid.NewGuid().ToString("N"));
int port = FreePort();
var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
{
    WorkingDirectory = Path.GetDirectoryName(dll)!,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    Environment =
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Storage__SqlitePath"] = Path.Combine(data, "bench.db"),
        ["Storage__BlobDirectory"] = Path.Combine(data, "blobs"),
        ["Backtesting__Limits__RequestsPerMinutePerUser"] = "100000000",
        ["Backtesting__Limits__MaxConcurrentJobsPerUser"] = "100000",
        ["Logging__LogLevel__Default"] = "Warning",
    },
};
using var host = Process.Start(start)!;
host.OutputDataReceived += (_, _) => { };
host.ErrorDataReceived += (_, _) => { };
host.BeginOutputReadLine();
host.BeginErrorReadLine();
try
{
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    var ready = Stopwatch.StartNew();
    while (true)
    {
        try { if ((await http.GetAsync("/api/health")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
        if (ready.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the host did not start");
        await Task.Delay(50);
    }
    Console.WriteLine($"host ready in {ready.ElapsedMilliseconds} ms (port {port}); {Environment.ProcessorCount} cores");

    for (int i = 0; i < 5; i++) await RunOneAsync(http);
    var latencies = new List<double>();
    for (int i = 0; i < sequential; i++) latencies.Add(await RunOneAsync(http));
    latencies.Sort();
    Console.WriteLine($"submit -> completed, sequential, GOOG sma_crossover 10/20 (2148 bars), {sequential} runs: " +
        $"p50 {Percentile(latencies, 0.5):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, min {latencies[0]:0.0} ms");

    var clock = Stopwatch.StartNew();
    using var gate = new SemaphoreSlim(concurrency);
    await Task.WhenAll(Enumerable.Range(0, runs).Select(async _ =>
    {
        await gate.WaitAsync();
        try { await RunOneAsync(http); } finally { gate.Release(); }
    }));
    Console.WriteLine($"throughput: {runs} runs with {concurrency} in flight in {clock.Elapsed.TotalSeconds:0.00} s = {runs / clock.Elapsed.TotalSeconds:0.0} completed runs/s");
    return 0;
}
finally
{
    host.Kill(entireProcessTree: true);
    host.WaitForExit();
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
}

static async Task<double> RunOneAsync(HttpClient http)
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
        var run = JsonNode.Parse(await http.GetStringAsync($"/api/backtests/{id}"))!;
        string status = (string)run["status"]!;
        if (status == "completed") return clock.Elapsed.TotalMilliseconds;
        if (status is "failed" or "cancelled") throw new InvalidOperationException($"run {id} {status}: {run["error"]}");
        await Task.Delay(2);
    }
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Backtesting.Functions.sln"))) return dir.FullName;
    throw new DirectoryNotFoundException("Backtesting.Functions.sln not found above " + AppContext.BaseDirectory);
}

int ArgInt(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
}
