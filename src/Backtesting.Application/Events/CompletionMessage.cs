using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Runs;

namespace Backtesting.Application.Events;

/// <summary>The data of a backtest_complete message: id, status and the results (metrics, first trades, curve preview).</summary>
public static class CompletionMessage
{
    private const int TradesInMessage = 100;

    public static JsonObject Create(string runId, string status, RunResultRecord? result, IReadOnlyList<TradeRecord>? trades, string? error = null)
    {
        var data = new JsonObject
        {
            ["backtestId"] = runId,
            ["status"] = status,
        };
        if (error is not null) data["error"] = error;
        if (result is not null)
        {
            data["metrics"] = JsonNode.Parse(result.Metrics);
            data["equity_curve"] = result.EquityCurve is null ? null : JsonNode.Parse(result.EquityCurve)!["points"]?.DeepClone();
        }
        if (trades is not null)
        {
            data["trades"] = new JsonArray(trades.Take(TradesInMessage).Select(t => (JsonNode)ResultRecords.TradeJson(t)).ToArray());
            data["total_trades_stored"] = trades.Count;
        }
        return data;
    }
}
