using Backtesting.Application.Runs;

namespace Backtesting.Storage.Tests.Builders;

/// <summary>Runs, results and trades with unique ids and every field set.</summary>
public static class TestRuns
{
    public static readonly DateTime Created = new(2024, 3, 1, 9, 30, 0, DateTimeKind.Utc);

    public static string NewId(string prefix = "bt") => $"{prefix}-{Guid.NewGuid():N}";

    public static BacktestRun Run(string userId, string symbol, string status = RunStatus.Pending, DateTime? createdAt = null, string kind = RunKind.Backtest, string? parentRunId = null) => new()
    {
        Id = NewId(),
        UserId = userId,
        Kind = kind,
        StrategyId = "sma_crossover",
        AssetSymbol = symbol,
        StartDate = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        EndDate = new DateTime(2023, 12, 31, 0, 0, 0, DateTimeKind.Utc),
        InitialCapital = 10_000.25m,
        Parameters = """{"fast_period": 10, "slow_period": 20}""",
        Status = status,
        Request = """{"strategy_id": "sma_crossover", "asset_symbol": "X"}""",
        ParentRunId = parentRunId,
        CreatedAt = createdAt ?? Created,
        UpdatedAt = createdAt ?? Created,
    };

    public static RunResultRecord Result(string runId) => new()
    {
        Id = NewId("res"),
        RunId = runId,
        FinalCapital = 63341.19136m,
        TotalReturn = 5.334119136m,
        SharpeRatio = 1.08115269m,
        MaxDrawdown = 0.2001734114m,
        WinRate = 0.6086956522m,
        TotalTrades = 46,
        WinningTrades = 28,
        LosingTrades = 18,
        AvgWin = 2500.123456789012345678m,
        AvgLoss = -800.5m,
        ProfitFactor = 2.75115771m,
        Metrics = """{"final_capital": 63341.19136, "total_trades": 46}""",
        EquityCurve = """{"points": [["2020-01-01T00:00:00Z", 10000]], "blob": "curves/x.bin", "total_points": 1}""",
        CurveBlob = "curves/x.bin",
        CreatedAt = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc),
    };

    public static List<TradeRecord> Trades(string runId, int count)
    {
        var trades = new List<TradeRecord>(count);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < count; i++)
        {
            bool open = i == count - 1;
            trades.Add(new TradeRecord
            {
                Id = $"{runId}-t{i}",
                RunId = runId,
                Sequence = i,
                EntryDate = start.AddMinutes(2 * i),
                ExitDate = open ? null : start.AddMinutes(2 * i + 1),
                Direction = i % 3 == 0 ? "short" : "long",
                EntryPrice = 100m + i * 0.01m,
                ExitPrice = open ? null : 100.5m + i * 0.01m,
                Quantity = 55 + i % 7,
                Pnl = open ? null : 118.1257m + i,
                PnlPercent = open ? null : 0.0119891m,
                Status = open ? "open" : "closed",
                Fees = 39.6m,
                ExitReason = open ? "open" : "signal",
            });
        }
        return trades;
    }

    public static RunCompletion Completion(string runId, int trades) =>
        new(runId, Result(runId), Trades(runId, trades), new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc));
}
