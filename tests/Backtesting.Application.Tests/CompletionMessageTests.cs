using System.Text.Json.Nodes;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;

namespace Backtesting.Application.Tests;

/// <summary>
/// The backtest_complete data on the wire, byte for byte as the platform's clients read it (camelCase backtestId, the rest
/// snake_case, a field that does not apply absent): the expected strings are written out by hand, not produced by the code.
/// </summary>
public sealed class CompletionMessageTests
{
    private static readonly DateTime Now = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Create_FailedRun_IdStatusAndError_Only()
    {
        var message = CompletionMessage.Create("bt-1", RunStatus.Failed, null, null, "no bars");

        Assert.Equal("""{"backtestId":"bt-1","status":"failed","error":"no bars"}""", WorkflowJson.Serialize(message));
    }

    [Fact]
    public void Create_CompletedRun_MetricsCurvePointsTradesAndCount()
    {
        var result = new RunResultRecord
        {
            Id = "res-bt-2", RunId = "bt-2", FinalCapital = 10100, TotalReturn = 0.01m, CreatedAt = Now,
            Metrics = """{"final_capital":10100,"total_trades":1}""",
            // the stored curve: only its points go into the message (the blob and the total stay behind)
            EquityCurve = """{"points":[["2024-01-01T00:00:00Z",10000],["2024-01-02T00:00:00Z",10100]],"total_points":2,"blob":"curves/bt-2"}""",
        };
        var trade = new TradeRecord
        {
            Id = "tr-1", RunId = "bt-2", Sequence = 0, EntryDate = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), ExitDate = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            Direction = "long", EntryPrice = 100m, ExitPrice = 101m, Quantity = 100m, Pnl = 100m, PnlPercent = 1m, Fees = 0m, Status = "closed", ExitReason = "signal",
        };

        var message = CompletionMessage.Create("bt-2", RunStatus.Completed, result, [trade]);

        Assert.Equal(
            """{"backtestId":"bt-2","status":"completed","metrics":{"final_capital":10100,"total_trades":1}"""
            + ""","equity_curve":[["2024-01-01T00:00:00Z",10000],["2024-01-02T00:00:00Z",10100]]"""
            + ""","trades":[{"id":"tr-1","entry_date":"2024-01-01T00:00:00Z","exit_date":"2024-01-02T00:00:00Z","direction":"long","entry_price":100"""
            + ""","exit_price":101,"quantity":100,"pnl":100,"pnl_percent":1,"fees":0,"status":"closed","exit_reason":"signal"}],"total_trades_stored":1}""",
            WorkflowJson.Serialize(message));
    }

    [Fact]
    public void Create_LeavesTheStoredPreviewUnparsed_UntilTheCurveIsRead_ThenParsesItOnce()
    {
        // a run publishes its message whether or not anyone listens: the preview is parsed by the first reader only.
        // Text that is not JSON shows when: creating the message succeeds, the first read of the curve fails.
        var unparsable = new RunResultRecord { Id = "res-bt-5", RunId = "bt-5", FinalCapital = 1, TotalReturn = 0, Metrics = "{}", CreatedAt = Now, EquityCurve = "{not json" };
        var message = CompletionMessage.Create("bt-5", RunStatus.Completed, unparsable, []);
        Assert.Equal(0, message.TotalTradesStored);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => message.EquityCurve);

        var stored = unparsable with { EquityCurve = """{"points":[["2024-01-01T00:00:00Z",10000]],"total_points":1,"blob":"curves/bt-5"}""" };
        var read = CompletionMessage.Create("bt-5", RunStatus.Completed, stored, []);
        Assert.Same(read.EquityCurve, read.EquityCurve); // one parse, shared by every listener
        Assert.Equal("""[["2024-01-01T00:00:00Z",10000]]""", read.EquityCurve!.ToJsonString());
    }

    [Fact]
    public void Create_MoreTradesThanAMessageCarries_FirstHundred_CountOfAll()
    {
        var trades = Enumerable.Range(0, 250).Select(i => new TradeRecord
        {
            Id = $"tr-{i}", RunId = "bt-3", Sequence = i, EntryDate = Now, Direction = "long", EntryPrice = 1m, Quantity = 1m, Status = "open",
        }).ToList();
        var result = new RunResultRecord { Id = "res-bt-3", RunId = "bt-3", FinalCapital = 1, TotalReturn = 0, Metrics = "{}", CreatedAt = Now };

        var message = CompletionMessage.Create("bt-3", RunStatus.Completed, result, trades);

        Assert.Equal(100, message.Trades!.Count);
        Assert.Equal("tr-99", message.Trades[^1].Id);
        Assert.Equal(250, message.TotalTradesStored);
        Assert.Null(message.EquityCurve); // no stored curve: the field is left out
        Assert.DoesNotContain("equity_curve", WorkflowJson.Serialize(message));
    }

    [Fact]
    public void Create_ResearchRun_SummaryUnderSummary_RepresentativeMetricsUnderMetrics()
    {
        // a research run stores its summary as the result's metrics JSON; the message shows it as GET /results does:
        // the summary under "summary", the representative backtest's metrics under "metrics"
        const string Stored = """{"kind":"backtest_optimization","representative_metrics":{"final_capital":10100,"total_trades":3},"objective":"sharpe_ratio","maximize":true,"cells":0,"evaluated":0,"skipped":0,"min_trades":0,"below_min_trades":0,"best":null,"top":[]}""";
        var result = new RunResultRecord { Id = "res-opt-1", RunId = "opt-1", FinalCapital = 10100, TotalReturn = 0.01m, Metrics = Stored, CreatedAt = Now };

        var json = JsonNode.Parse(WorkflowJson.Serialize(CompletionMessage.Create("opt-1", RunStatus.Completed, result, [])))!;

        Assert.Equal("backtest_optimization", (string)json["summary"]!["kind"]!);
        Assert.Equal("sharpe_ratio", (string)json["summary"]!["objective"]!);
        Assert.Equal(10100d, (double)json["metrics"]!["final_capital"]!);
        Assert.Equal(3d, (double)json["metrics"]!["total_trades"]!);
    }

    [Fact]
    public void Create_Backtest_NoSummaryField()
    {
        var result = new RunResultRecord { Id = "res-bt-4", RunId = "bt-4", FinalCapital = 1, TotalReturn = 0, Metrics = """{"final_capital":1}""", CreatedAt = Now };
        Assert.DoesNotContain("summary", WorkflowJson.Serialize(CompletionMessage.Create("bt-4", RunStatus.Completed, result, [])));
    }

    [Fact]
    public void Stored_CancelledRun_NoResults_IdStatusAndError_Only()
    {
        var run = new RunView
        {
            BacktestId = "bt-4", Kind = RunKind.Backtest, Status = RunStatus.Cancelled, Error = "cancelled by the user", StrategyId = "sma_crossover", AssetSymbol = "GOOG",
            StartDate = Now, EndDate = Now, InitialCapital = 10000, CreatedAt = Now, UpdatedAt = Now,
        };

        Assert.Equal("""{"backtestId":"bt-4","status":"cancelled","error":"cancelled by the user"}""", WorkflowJson.Serialize(CompletionMessage.Stored(run, null)));
    }
}
