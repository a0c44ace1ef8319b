using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>Research job helpers: submit, wait, read the summary, and the host's own GOOG bars for running the engine directly.</summary>
public static class ResearchTestClient
{
    public const string Start = "2004-01-01";
    public const string End = "2013-12-31";

    /// <summary>Submits to a research prefix, checks the 202 and returns the run id.</summary>
    public static async Task<string> SubmitResearchAsync(this HttpClient client, string prefix, object body)
    {
        var (status, json, response) = await client.SendJsonAsync(HttpMethod.Post, prefix, body);
        Assert.True(status == HttpStatusCode.Accepted, $"POST {prefix}: {(int)status} {json?.ToJsonString()}");
        string id = (string)json!["backtest_id"]!;
        Assert.Equal($"{prefix}/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"{prefix}/{id}", (string)json["links"]!["self"]!);
        return id;
    }

    /// <summary>Submits, waits for the run to complete and returns GET {prefix}/{id} (status and summary).</summary>
    public static async Task<JsonObject> RunResearchAsync(this HttpClient client, string prefix, object body)
    {
        string id = await client.SubmitResearchAsync(prefix, body);
        var run = await client.WaitForTerminalAsync(id, TimeSpan.FromSeconds(180));
        Assert.True((string)run["status"]! == "completed", $"{prefix}/{id} ended {run.ToJsonString()}");
        var json = (await client.GetJsonAsync($"{prefix}/{id}")).AsObject();
        Assert.Equal(json.ToJsonString(), (await client.GetJsonAsync($"{prefix}/{id}/results")).ToJsonString());
        Assert.Equal(100, (double)json["progress"]!);
        return json;
    }

    public static JsonObject Summary(this JsonObject run) => run["summary"]!.AsObject();

    /// <summary>The summary without blob names (they contain the run id), for comparing two runs.</summary>
    public static string WithoutBlobs(JsonObject summary)
    {
        var copy = summary.DeepClone().AsObject();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.EndsWith("_blob", StringComparison.Ordinal)).ToArray())
            copy.Remove(key);
        return copy.ToJsonString();
    }

    /// <summary>The bars the host's runs of <see cref="Start"/>..<see cref="End"/> see.</summary>
    public static Task<BarSeries> BarsAsync(LocalHostFactory factory, string symbol = "GOOG") =>
        factory.Services.GetRequiredService<BarLoader>().LoadAsync(symbol, "1d",
            BacktestRequestValidator.ParseDate("start_date", Start, []), BacktestRequestValidator.ParseDate("end_date", End, [], endOfDay: true));

    /// <summary>Stores a run of <paramref name="kind"/> that no workflow picks up (cancel deterministically).</summary>
    public static async Task<string> AddPendingRunAsync(LocalHostFactory factory, string userId, string kind)
    {
        var now = DateTime.UtcNow;
        string id = "bt-pending" + Guid.NewGuid().ToString("N")[..10];
        await factory.Services.GetRequiredService<IRunStore>().CreateAsync(new BacktestRun
        {
            Id = id,
            UserId = userId,
            Kind = kind,
            StrategyId = "sma_crossover",
            AssetSymbol = "GOOG",
            StartDate = new DateTime(2004, 8, 19, 0, 0, 0, DateTimeKind.Utc),
            EndDate = new DateTime(2013, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            InitialCapital = 10_000m,
            Status = RunStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        });
        return id;
    }

    /// <summary>The metrics as the engine computed them vs as stored: every one, exactly.</summary>
    public static void AssertMetricsEqual(Engine.Metrics.PerformanceMetrics expected, JsonNode actual)
    {
        foreach (var (name, value) in Engine.Metrics.MetricNames.Enumerate(expected))
        {
            var stored = actual[name];
            if (value is { } v && double.IsFinite(v)) Assert.True(stored is not null && (double)stored == v, $"{name}: expected {v}, got {stored?.ToJsonString() ?? "null"}");
            else Assert.True(stored is null, $"{name}: expected null, got {stored?.ToJsonString()}");
        }
    }
}
