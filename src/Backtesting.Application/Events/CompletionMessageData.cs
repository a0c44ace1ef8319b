using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Backtesting.Application.Events;

/// <summary>
/// The shape of a backtest_complete message's data, for its schema in the API description; <see cref="CompletionMessage"/>
/// writes the message itself. Fields other than the id and status are absent when they do not apply.
/// </summary>
public sealed record CompletionMessageData(
    [property: JsonPropertyName("backtestId")] string BacktestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("metrics")] JsonObject? Metrics = null,
    [property: JsonPropertyName("equity_curve")] JsonArray? EquityCurve = null,
    [property: JsonPropertyName("trades")] JsonArray? Trades = null,
    [property: JsonPropertyName("total_trades_stored")] int? TotalTradesStored = null);
