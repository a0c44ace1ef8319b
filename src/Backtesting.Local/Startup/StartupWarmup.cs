using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Backtesting.Local.Startup;

/// <summary>
/// The start-up warm-up (issue 17; docs/performance-log.md, "The service right after start"): a fresh host compiles its hot
/// per-run code twice over its first ~1,500 requests (tier 0, then tier 1 on the runtime's background thread), which doubled
/// their latency. In the background, before reporting ready (<see cref="StartupReadiness"/>), this drives
/// <see cref="StartupWarmupOptions.Runs"/> GOOG backtests through a throwaway copy of the host (<see cref="WarmupHost"/>)
/// over loopback HTTP as a client does, deletes it, and waits for the tier-up backlog to drain. Requests are served
/// meanwhile; a failure is logged and the service reports ready anyway (slower until its code is compiled).
/// </summary>
internal sealed class StartupWarmup(StartupWarmupOptions options, StartupReadiness readiness, IWebHostEnvironment environment, ILoggerFactory logs,
    IHostApplicationLifetime lifetime, ILogger<StartupWarmup> logger, StartupWarmupHold? hold = null) : BackgroundService
{
    /// <summary>The throughput phase's concurrency of ApiBenchmark, so the concurrent paths are compiled too.</summary>
    private const int InFlight = 16;
    /// <summary>Batches of runs, each followed by a wait for the compiler (<see cref="RunThrowawayHostAsync"/>).</summary>
    private const int Batches = 4;
    private static readonly TimeSpan JitSample = TimeSpan.FromMilliseconds(200), JitWaitLimit = TimeSpan.FromSeconds(5);
    /// <summary>Fewer new methods than this in one <see cref="JitSample"/>: the tier-up backlog is drained.</summary>
    private const long JitQuietMethods = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // from the moment the host listens: started any earlier, building the throwaway host took CPU from the real one's
        // start (live measured ~2 s later on 2 loaded cores)
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        var clock = Stopwatch.StartNew();
        try
        {
            await RunThrowawayHostAsync(stoppingToken);
            long runsMs = clock.ElapsedMilliseconds;
            await WaitForTierUpAsync(stoppingToken);
            long elapsedMs = clock.ElapsedMilliseconds;
            readiness.Complete(Apis.ReadinessView.WarmupCompleted, elapsedMs, null);
            // after Complete: whoever reads this line finds the service ready
            logger.LogInformation("warm-up: {Runs} runs in {RunsMs} ms, ready after {ElapsedMs} ms (the runtime's compiler done)", options.Runs, runsMs, elapsedMs);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            readiness.Complete(Apis.ReadinessView.WarmupFailed, clock.ElapsedMilliseconds,
                "the start-up warm-up failed (details in the service's log); the service works, slower at first");
            logger.LogWarning(ex, "warm-up failed after {ElapsedMs} ms; the service is ready, slower until its code is compiled", clock.ElapsedMilliseconds);
        }
    }

    private async Task RunThrowawayHostAsync(CancellationToken ct)
    {
        string directory = Path.Combine(options.Directory ?? Path.GetTempPath(), "bt-warmup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var host = await WarmupHost.StartAsync(environment, logs, directory, ct);
            // in batches with a pause for the compiler between them: the runtime starts counting calls towards tier 1 only once
            // no new method has been compiled for 100 ms (TieredCompilation's call counting delay), which never happens while
            // one long stream of fresh runs goes on, so without the pauses the first requests after ready would still pay for it
            for (int batch = 0; batch < Batches; batch++)
            {
                int from = (int)((long)options.Runs * batch / Batches), to = (int)((long)options.Runs * (batch + 1) / Batches);
                if (to == from) continue;
                // a fifth one at a time (the sequential latency path), the rest InFlight at a time (the concurrent one)
                int sequentialTo = Math.Min(to, from + Math.Max(1, (to - from) / 5));
                for (int i = from; i < sequentialTo; i++) await RunOneAsync(host.Client, i, ct);
                await Parallel.ForAsync(sequentialTo, to, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = ct },
                    (i, token) => new ValueTask(RunOneAsync(host.Client, i, token)));
                await WaitForTierUpAsync(ct);
            }
            if (hold is not null)
            {
                hold.Reached.TrySetResult();
                await hold.Release.Task.WaitAsync(ct);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Submit, poll or wait to completed, then the three reads a client makes of a finished run.</summary>
    private static async Task RunOneAsync(HttpClient http, int index, CancellationToken ct)
    {
        // a few parameter sets: computed and cached inputs both
        var response = await http.PostAsJsonAsync("/api/backtests", new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", initial_capital = 10000,
            parameters = new { fast_period = 5 + index % 8, slow_period = 20 + 10 * (index % 2), commission = 0.002 },
        }, ct);
        await EnsureAsync(response, "submit", ct);
        string id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["backtest_id"]!;
        // half the runs poll, half ask the status to wait for the end (wait_seconds): both paths compiled
        string wait = index % 2 == 1 ? "?wait_seconds=30" : "";
        while (true)
        {
            var run = JsonNode.Parse(await http.GetStringAsync($"/api/backtests/{id}{wait}", ct))!;
            string status = (string)run["status"]!;
            if (status == "completed") break;
            if (status is "failed" or "cancelled") throw new InvalidOperationException($"warm-up run {id} {status}: {run["error"]}");
            await Task.Delay(1, ct); // polling over HTTP, as a client does
        }
        foreach (string read in (string[])["results", "equity", "trades"])
            await EnsureAsync(await http.GetAsync($"/api/backtests/{id}/{read}", ct), read, ct);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string step, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"warm-up {step} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>The runtime compiles what the runs made hot on its background thread shortly after: wait until it is (nearly) done.</summary>
    private static async Task WaitForTierUpAsync(CancellationToken ct)
    {
        long last = System.Runtime.JitInfo.GetCompiledMethodCount();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < JitWaitLimit)
        {
            await Task.Delay(JitSample, ct);
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now - last < JitQuietMethods) return;
            last = now;
        }
    }
}
