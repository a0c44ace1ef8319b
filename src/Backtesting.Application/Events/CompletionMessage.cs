using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Backtesting.Application.Backtests;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;

namespace Backtesting.Application.Events;

/// <summary>
/// The data of a backtest_complete message: the run's id (the platform's camelCase <c>backtestId</c>), its final status and,
/// when they apply, the error, the metrics, the equity curve preview and the first trades. This record is what SSE and the
/// WebSocket serialise and what the API description shows; a field that does not apply is absent, never null.
/// </summary>
public sealed record CompletionMessage(
    [property: JsonPropertyName("backtestId")] string BacktestId,
    [property: JsonPropertyName("status")] string Status)
{
    /// <summary>Trades a message carries at most; the rest are paged from /trades.</summary>
    public const int TradesInMessage = 100;

    [JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>The run's metrics; for a research run, those of its representative backtest.</summary>
    [JsonPropertyName("metrics"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetricValues? Metrics { get; init; }

    /// <summary>For a research run, the job's summary, as GET /api/backtests/{id}/results shows it.</summary>
    [JsonPropertyName("summary"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResearchSummary? Summary { get; init; }

    // Parsed when first read (a listener serialises the message), not when a run publishes it: most runs complete with
    // nobody listening, and parsing the stored preview's 1,000 points costs about as much as the rest of finalizing.
    private Lazy<JsonArray?>? _equityCurve;

    /// <summary>The downsampled curve as [iso time, equity] pairs.</summary>
    [JsonPropertyName("equity_curve"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? EquityCurve
    {
        get => _equityCurve?.Value;
        init => _equityCurve = value is null ? null : new Lazy<JsonArray?>(() => value);
    }

    /// <summary>The first <see cref="TradesInMessage"/> trades, as GET /api/backtests/{id}/trades shows them.</summary>
    [JsonPropertyName("trades"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TradeView>? Trades { get; init; }

    [JsonPropertyName("total_trades_stored"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TotalTradesStored { get; init; }

    /// <summary>The message of a run that just ended, from what its last activity stored.</summary>
    public static CompletionMessage Create(string runId, string status, RunResultRecord? result, IReadOnlyList<TradeRecord>? trades, string? error = null)
    {
        var (metrics, summary) = result is null ? (null, null) : ResearchSummary.Split(result.Metrics);
        return new(runId, status)
        {
            Error = error,
            Metrics = metrics,
            Summary = summary,
            _equityCurve = result?.EquityCurve is { } curve ? new Lazy<JsonArray?>(() => PointsOf(curve)) : null,
            Trades = trades?.Take(TradesInMessage).Select(TradeView.From).ToArray(),
            TotalTradesStored = trades?.Count,
        };
    }

    // the stored preview's points, detached from the parsed document rather than copied out of it
    private static JsonArray? PointsOf(string curveJson)
    {
        var preview = JsonNode.Parse(curveJson)!.AsObject();
        if (!preview.TryGetPropertyValue("points", out var points) || points is null) return null;
        preview.Remove("points");
        return points.AsArray();
    }

    /// <summary>The message of a run that ended before its listener came (read back from the store).</summary>
    public static CompletionMessage Stored(RunView run, ResultsView? results) => new(run.BacktestId, run.Status)
    {
        Error = run.Error,
        Metrics = results?.Metrics,
        Summary = results?.Summary,
        EquityCurve = results?.EquityCurve?.DeepClone().AsArray(),
    };

    /// <summary>
    /// The message of a run that has ended: the one its last activity published, when this process heard it, else the
    /// stored outcome (<see cref="Stored"/>). What a stream or a status request that comes after the end shows.
    /// </summary>
    public static async Task<CompletionMessage> OfEndedRunAsync(RunEventHub hub, BacktestService service, string userId, RunView run, CancellationToken ct)
    {
        if (hub.Last(run.BacktestId) is { IsFinal: true, Data: CompletionMessage published }) return published;
        var results = await service.GetResultsAsync(userId, run.BacktestId, 0, TradesInMessage, BacktestService.DefaultMaxPoints, ct).ConfigureAwait(false);
        return Stored(run, results);
    }
}
