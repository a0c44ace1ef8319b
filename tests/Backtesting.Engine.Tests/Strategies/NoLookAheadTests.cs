using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>
/// Decisions never use later bars: changing every bar after t (prices x 1.37, OHLC still valid)
/// leaves signals[0..t] and the equity curve up to t unchanged, for every catalog strategy.
/// </summary>
public sealed class NoLookAheadTests
{
    private static readonly int[] Cuts = [0, 25, 34, 100, 777, 1500, 2146];

    public static TheoryData<string> StrategyIds()
    {
        var data = new TheoryData<string>();
        foreach (var definition in StrategyCatalog.All) data.Add(definition.Id);
        return data;
    }

    private static StrategyConfig DefaultConfig(string id) => EngineRun.Config(id, new Dictionary<string, object?>());

    /// <summary>A copy of <paramref name="bars"/> with every price after bar <paramref name="t"/> multiplied by <paramref name="factor"/>.</summary>
    internal static BarSeries ChangeAfter(BarSeries bars, int t, double factor)
    {
        double[] Scale(double[] prices) => prices.Select((p, i) => i > t ? p * factor : p).ToArray();
        var changed = new BarSeries(bars.Timestamps.ToArray(), Scale(bars.Open), Scale(bars.High), Scale(bars.Low), Scale(bars.Close),
            bars.Volume.Select((v, i) => i > t ? v * 3 : v).ToArray());
        BarSeriesValidator.Validate(changed);
        return changed;
    }

    [Theory]
    [MemberData(nameof(StrategyIds))]
    public void GenerateSignals_BarsAfterTChanged_SignalsUpToTIdentical(string strategyId)
    {
        var bars = TestDataFiles.Goog;
        var strategy = DefaultConfig(strategyId).CreateStrategy();
        var full = new sbyte[bars.Count];
        strategy.GenerateSignals(bars, full);

        foreach (int t in Cuts)
        {
            var changed = ChangeAfter(bars, t, 1.37);
            var signals = new sbyte[bars.Count];
            strategy.GenerateSignals(changed, signals);
            for (int i = 0; i <= t; i++)
                Assert.True(full[i] == signals[i], $"{strategyId}: signal at bar {i} changed when bars after {t} changed");
        }
    }

    [Theory]
    [MemberData(nameof(StrategyIds))]
    public void Run_BarsAfterTChanged_EquityUpToTIdentical(string strategyId)
    {
        var bars = TestDataFiles.Goog;
        var config = EngineRun.Config(strategyId, new Dictionary<string, object?> { ["commission"] = 0.001 });
        var full = BacktestEngine.Run(bars, config, 10_000);

        foreach (int t in Cuts)
        {
            var changed = BacktestEngine.Run(ChangeAfter(bars, t, 1.37), config, 10_000);
            for (int i = 0; i <= t; i++)
                Assert.True(full.Equity[i] == changed.Equity[i], $"{strategyId}: equity at bar {i} changed when bars after {t} changed");
        }
    }

    [Fact]
    public void ChangeAfter_ChangesLaterSignals_ForSomeStrategy()
    {
        // guards the two tests above: the perturbation is strong enough to change decisions after t
        var bars = TestDataFiles.Goog;
        int changedStrategies = 0;
        foreach (var definition in StrategyCatalog.All)
        {
            var strategy = DefaultConfig(definition.Id).CreateStrategy();
            var full = new sbyte[bars.Count];
            var changed = new sbyte[bars.Count];
            strategy.GenerateSignals(bars, full);
            strategy.GenerateSignals(ChangeAfter(bars, 100, 1.37), changed);
            if (!full.AsSpan(101).SequenceEqual(changed.AsSpan(101))) changedStrategies++;
        }
        Assert.True(changedStrategies >= 4, $"only {changedStrategies} strategies reacted to the change");
    }
}
