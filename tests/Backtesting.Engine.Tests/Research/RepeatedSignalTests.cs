using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;

namespace Backtesting.Engine.Tests.Research;

/// <summary>
/// A signal that asks for the position already held changes nothing (section 4), so a breakout strategy's signal
/// repeated on every bar of a run must simulate exactly as the same run marked only on its first bar. The core passes
/// such bars as quiet ones; this pins that it passes only those.
/// </summary>
public sealed class RepeatedSignalTests
{
    [Theory]
    [InlineData("long", "next_open")]
    [InlineData("short", "next_open")]
    [InlineData("long_short", "next_open")]
    [InlineData("long", "close")]
    [InlineData("long_short", "close")]
    public void Run_SignalRepeatedOverItsRun_EqualsSignalOnTheRunsFirstBar(string direction, string fill)
    {
        var bars = TestDataFiles.Gbm10000;
        // runs of +1, -1 and 0 with random lengths 1..40, seeded: repeats, reversals and quiet stretches
        var random = new Random(17);
        var repeated = new sbyte[bars.Count];
        var once = new sbyte[bars.Count];
        for (int i = 0; i < bars.Count;)
        {
            sbyte value = (sbyte)(random.Next(3) - 1);
            int length = random.Next(1, 41);
            once[i] = value;
            for (int k = i; k < Math.Min(bars.Count, i + length); k++) repeated[k] = value;
            i += length;
        }
        // fractional units and a commission: every order is affordable, so a repeat never retries a failed entry
        var config = EngineRun.Config("sma_crossover", new Dictionary<string, object?>
        {
            ["direction"] = direction, ["fill"] = fill, ["fractional"] = true, ["commission"] = 0.001,
        });
        var settings = config.ToSimulationSettings(100_000);
        var equityRepeated = new double[bars.Count];
        var equityOnce = new double[bars.Count];

        var withRepeats = EquitySimulator.Run(bars, repeated, settings, equityRepeated);
        var withoutRepeats = EquitySimulator.Run(bars, once, settings, equityOnce);

        Assert.Equal(equityOnce, equityRepeated);
        Assert.Equal(withoutRepeats, withRepeats);
        Assert.True(withRepeats.Trades.Total > 50, $"only {withRepeats.Trades.Total} trades: the case exercises too little");
    }
}
