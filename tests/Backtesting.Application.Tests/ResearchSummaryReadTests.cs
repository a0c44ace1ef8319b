using System.Text.Json.Nodes;
using Backtesting.Application.Json;
using Backtesting.Application.Research;

namespace Backtesting.Application.Tests;

/// <summary>
/// Summaries stored as a result's metrics JSON read back into the typed records and are shown as stored: a summary
/// written before min_trades existed (with the one-blob cell table of that time) keeps its shape to the byte, a
/// backtest's metrics are not a summary, and a Monte Carlo summary keeps its percentile keys.
/// </summary>
public sealed class ResearchSummaryReadTests
{
    [Fact]
    public void Read_OptimizationSummaryOfAnOlderVersion_IsWrittenBackAsStored()
    {
        // as an earlier version stored it: no min_trades / below_min_trades, the cell table in one blob (cells_blob),
        // a skipped cell in the top cells, undefined metrics as null
        const string Stored = """
            {"kind":"backtest_optimization","objective":"sharpe_ratio","maximize":true,"cells":3,"evaluated":2,"skipped":1,
            "best":{"index":1,"params":{"fast_period":10,"slow_period":20},"metrics":{"final_capital":63341.19136,"total_trades":46,"profit_factor":null}},
            "top":[{"index":1,"params":{"fast_period":10,"slow_period":20},"metrics":{"final_capital":63341.19136,"total_trades":46,"profit_factor":null}},
            {"index":2,"params":{"fast_period":50,"slow_period":10},"skipped":true,"errors":["parameters.fast_period: 50 must be below slow_period (10)"]}],
            "cells_blob":"runs/bt-old/cells.json","representative_metrics":{"final_capital":63341.19136,"sharpe_ratio":1.08115269}}
            """;
        string compact = JsonNode.Parse(Stored)!.ToJsonString();

        var summary = Assert.IsType<OptimizationSummary>(ResearchSummary.Read(compact));

        Assert.Equal("runs/bt-old/cells.json", summary.CellsBlob);
        Assert.Null(summary.MinTrades);
        Assert.Equal(compact, WorkflowJson.Serialize<ResearchSummary>(summary));
    }

    [Fact]
    public void Read_KindNotFirst_AsPostgresJsonbOrdersKeys_IsTheSummaryOfThatKind()
    {
        // jsonb orders keys by length, then bytewise: "top" and "best" come before "kind"
        const string Stored = """{"kind":"backtest_optimization","objective":"sharpe_ratio","maximize":true,"cells":0,"evaluated":0,"skipped":0,"min_trades":0,"below_min_trades":0,"best":null,"top":[]}""";
        var reordered = JsonNode.Parse(Stored)!.AsObject().OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"\"{p.Key}\":{p.Value?.ToJsonString() ?? "null"}");
        string jsonb = "{" + string.Join(",", reordered) + "}";
        Assert.False(jsonb.StartsWith("{\"kind\"", StringComparison.Ordinal), jsonb);

        var summary = Assert.IsType<OptimizationSummary>(ResearchSummary.Read(jsonb));

        Assert.Equal(Stored, WorkflowJson.Serialize<ResearchSummary>(summary));
    }

    [Fact]
    public void Read_BacktestMetrics_IsNoSummary()
    {
        Assert.Null(ResearchSummary.Read("""{"final_capital":63341.19136,"total_trades":46}"""));
        Assert.Null(ResearchSummary.Read("""{"kind":"backtest_strategy","final_capital":1}"""));
    }

    [Fact]
    public void Read_MonteCarloSummary_KeepsEveryPercentileKey()
    {
        const string Stored = """
            {"kind":"backtest_monte_carlo","method":"trade_reshuffle","note":"n","paths":2,"seed":7,"percentiles":[5,97.5],"trade_count":3,
            "drawdown_basis":"equity","probability_of_loss":0.5,"drawdown_threshold":0.2,"probability_of_drawdown_beyond_threshold":0,
            "distributions":{"max_drawdown":{"count":2,"mean":0.15,"std":0.05,"min":0.1,"max":0.2,"baseline":0.12,"p5":0.105,"p97.5":null,
            "histogram":{"edges":[0.1,0.2],"counts":[2]}}},
            "bands":{"axis":"trade","steps":[0,1],"p5":[10000,9000.5],"p97.5":[10000,null]},"paths_blob":"runs/bt-1/paths.json"}
            """;
        var node = JsonNode.Parse(Stored)!;

        var summary = Assert.IsType<MonteCarloSummary>(ResearchSummary.Read(node.ToJsonString()));

        Assert.Equal(new[] { "p5", "p97.5" }, summary.Distributions["max_drawdown"].Levels.Keys);
        Assert.Equal(new[] { "p5", "p97.5" }, summary.Bands.Levels.Keys);
        Assert.Null(summary.Bands.Timestamps);
        // the same members and values (extension data, the p-keys, is written after the named members)
        Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(WorkflowJson.Serialize<ResearchSummary>(summary))));
    }
}
