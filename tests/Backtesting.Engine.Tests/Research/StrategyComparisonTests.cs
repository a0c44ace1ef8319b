using Backtesting.Engine.Comparison;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Research;

public sealed class StrategyComparisonTests
{
    private static ComparisonRequest Request() => new()
    {
        Candidates =
        [
            new ComparisonCandidate { StrategyId = "sma_crossover", Parameters = new Dictionary<string, object?> { ["fast_period"] = 10, ["slow_period"] = 20 } },
            new ComparisonCandidate { StrategyId = "ema_crossover" },
            new ComparisonCandidate { StrategyId = "rsi_reversion", Label = "rsi" },
            new ComparisonCandidate { StrategyId = "buy_and_hold" },
        ],
        InitialCapital = 10_000,
    };

    [Fact]
    public void Run_EveryEntry_EqualsItsSingleBacktest()
    {
        var request = Request();

        var result = StrategyComparison.Run(TestDataFiles.Goog, request);

        for (int i = 0; i < request.Candidates.Count; i++)
        {
            var single = EngineRun.Validated(TestDataFiles.Goog, request.Candidates[i].StrategyId, request.Candidates[i].Parameters, 10_000);
            Assert.Equal(single.Metrics, result.Entries[i].Metrics);
        }
        Assert.Equal("sma_crossover(fast_period=10, slow_period=20)", result.Entries[0].Label);
        Assert.Equal("rsi", result.Entries[2].Label);
    }

    [Fact]
    public void Run_Ranking_OrdersByTheMetricInItsDirection()
    {
        var bySharpe = StrategyComparison.Run(TestDataFiles.Goog, Request());
        var byDrawdown = StrategyComparison.Run(TestDataFiles.Goog, Request() with { RankBy = "max_drawdown" });

        var sharpe = bySharpe.Ranking.Select(i => bySharpe.Entries[i].Metrics.SharpeRatio!.Value).ToArray();
        Assert.Equal(sharpe.OrderByDescending(x => x), sharpe);
        Assert.False(byDrawdown.Maximize);
        var drawdowns = byDrawdown.Ranking.Select(i => byDrawdown.Entries[i].Metrics.MaxDrawdown).ToArray();
        Assert.Equal(drawdowns.OrderBy(x => x), drawdowns);
    }

    [Fact]
    public void Run_Correlation_SymmetricWithUnitDiagonalAndIdenticalCandidatesAtOne()
    {
        var request = Request() with { Candidates = [.. Request().Candidates, Request().Candidates[0] with { Label = "copy" }] };

        var result = StrategyComparison.Run(TestDataFiles.Goog, request);

        int n = request.Candidates.Count;
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(1, result.Correlation[i][i]!.Value, 12);
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(result.Correlation[i][j], result.Correlation[j][i]);
                Assert.InRange(result.Correlation[i][j]!.Value, -1, 1);
            }
        }
        Assert.Equal(1, result.Correlation[0][4]!.Value, 12);
    }

    [Fact]
    public void Correlation_HandChecked()
    {
        Assert.Equal(1, StrategyComparison.Correlation([1, 2, 3], [2, 4, 6])!.Value, 12);
        Assert.Equal(-1, StrategyComparison.Correlation([1, 2, 3], [3, 2, 1])!.Value, 12);
        Assert.Equal(0, StrategyComparison.Correlation([1, 2, 3, 4], [1, -1, -1, 1])!.Value, 12);
        Assert.Null(StrategyComparison.Correlation([1, 1, 1], [1, 2, 3]));
        Assert.Null(StrategyComparison.Correlation([1], [2]));
    }

    [Fact]
    public void Run_IntradayBars_AggregateToDailyReturnsThatCompoundToTheTotal()
    {
        var bars = TestDataFiles.Gbm10000; // 1-minute bars over about a week
        var result = StrategyComparison.Run(bars, Request());

        int days = bars.Timestamps.Select(t => t / TimeSpan.TicksPerDay).Distinct().Count();
        Assert.All(result.Entries, e =>
        {
            Assert.Equal(days, e.Days.Length);
            double growth = e.DailyReturns.Aggregate(1.0, (g, r) => g * (1 + r));
            AssertNumber.Relative(e.Metrics.FinalCapital / 10_000, growth, 1e-12, e.Label);
            Assert.Equal(e.Metrics.FinalCapital, e.DailyEquity[^1]);
        });
    }

    [Fact]
    public void EvaluateCandidate_InAnyOrder_MergesToTheSameResult()
    {
        var bars = TestDataFiles.Goog;
        var request = Request() with { From = new DateTime(2006, 1, 1, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2010, 12, 31, 0, 0, 0, DateTimeKind.Utc) };
        var whole = StrategyComparison.Run(bars, request);

        var merged = StrategyComparison.Merge(request, new[] { 3, 1, 0, 2 }.Select(i => StrategyComparison.EvaluateCandidate(bars, request, i)));

        Assert.Equal(whole.Ranking, merged.Ranking);
        Assert.Equal(whole.Entries.Select(e => e.Metrics), merged.Entries.Select(e => e.Metrics));
        Assert.Equal(whole.Correlation, merged.Correlation);
        Assert.Equal(bars.Between(request.From, request.To).Count, whole.Entries[0].Metrics.Bars);
    }

    [Fact]
    public void Validate_BadRequest_ReportsEveryProblemWithField()
    {
        var request = Request() with
        {
            Candidates = [new ComparisonCandidate { StrategyId = "nope" }, new ComparisonCandidate { StrategyId = "sma_crossover", Parameters = new Dictionary<string, object?> { ["slow_period"] = 5 } }],
            RankBy = "luck",
        };

        var errors = StrategyComparison.Validate(request);

        Assert.Contains(errors, e => e.Field == "candidates[0].strategy_id");
        Assert.Contains(errors, e => e.Field == "candidates[1].parameters.fast_period" && e.Message.Contains("slow_period"));
        Assert.Contains(errors, e => e.Field == "rank_by" && e.Value == "'luck'");
        Assert.Contains(StrategyComparison.Validate(Request() with { Candidates = [] }), e => e.Field == "candidates");
    }
}
