using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace Backtesting.ApiBenchmark;

/// <summary>
/// Issue 13's speed target: advancing a trading session 1,000 bars with an attached autopilot (sma_crossover 10/20 on GOOG)
/// through the HTTP API of the local host on SQLite, under 50 ms. Each iteration starts a fresh session at 2005-01-03 (2,053
/// bars ahead), so every measured call does the same work: load the session, step 1,000 bars, store it once, answer.
/// </summary>
[InProcess]
[MemoryDiagnoser]
public class SessionAutopilotBenchmarks
{
    private LocalHostProcess _host = null!;
    private string _sessionId = "";

    [GlobalSetup]
    public void Setup() => _host = LocalHostProcess.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void NewSession()
    {
        var response = _host.Http.PostAsJsonAsync("/api/sessions", new { asset_symbol = "GOOG", start_date = "2005-01-03", initial_capital = 10_000, commission = 0.002 })
            .GetAwaiter().GetResult();
        string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create answered {(int)response.StatusCode}: {body}");
        _sessionId = (string)JsonNode.Parse(body)!["session_id"]!;
    }

    [Benchmark(Description = "POST /api/sessions/{id}/autopilot sma_crossover 10/20, 1,000 bars")]
    public async Task<int> Autopilot1000Bars()
    {
        var response = await _host.Http.PostAsJsonAsync($"/api/sessions/{_sessionId}/autopilot", new
        {
            strategy_id = "sma_crossover", parameters = new { fast_period = 10, slow_period = 20 }, bars = 1000,
        });
        string body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"autopilot answered {(int)response.StatusCode}: {body}");
        return body.Length;
    }
}
