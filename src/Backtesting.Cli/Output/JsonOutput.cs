using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;

namespace Backtesting.Cli.Output;

/// <summary>Snake_case JSON shapes of the CLI contract.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(JsonNode node, bool indented = true) => node.ToJsonString(indented ? Indented : null);

    /// <summary>Every metric by its contract name, plus bars, periods_per_year and the risk_free_rate of the Sharpe and Sortino ratios.</summary>
    public static JsonObject Metrics(PerformanceMetrics metrics)
    {
        var json = new JsonObject();
        foreach (var (name, value) in MetricNames.Enumerate(metrics))
            json[name] = value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
        json["bars"] = metrics.Bars;
        json["periods_per_year"] = metrics.PeriodsPerYear;
        json["risk_free_rate"] = metrics.RiskFreeRate;
        return json;
    }

    public static JsonObject Parameters(IReadOnlyDictionary<string, object?> parameters)
    {
        var json = new JsonObject();
        foreach (var (name, value) in parameters)
            json[name] = value switch
            {
                null => null,
                double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => JsonValue.Create((long)d),
                double d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                _ => JsonValue.Create(value.ToString()),
            };
        return json;
    }

    public static JsonObject Trade(Trade trade) => new()
    {
        ["direction"] = trade.Side == PositionSide.Long ? "long" : "short",
        ["status"] = trade.IsOpen ? "open" : "closed",
        ["entry_date"] = trade.EntryTime.ToString("O"),
        ["entry_price"] = trade.EntryPrice,
        ["exit_date"] = trade.ExitTime?.ToString("O"),
        ["exit_price"] = trade.IsOpen ? null : trade.ExitPrice,
        ["quantity"] = trade.Quantity,
        ["pnl"] = trade.Pnl,
        ["pnl_percent"] = trade.PnlPercent,
        ["fees"] = trade.Fees,
        ["exit_reason"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(trade.ExitReason.ToString()),
    };

    public static JsonObject Timing(double loadMs, double engineMs) => new()
    {
        ["load_ms"] = Math.Round(loadMs, 3),
        ["engine_ms"] = Math.Round(engineMs, 3),
    };
}
