using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Tests.Support;

/// <summary>A strategy that emits a given signal per bar, so simulator tests control decisions exactly.</summary>
public sealed class FixedSignalsStrategy(params sbyte[] signals) : IStrategy
{
    public int WarmUpPeriod => 1;

    public void GenerateSignals(BarSeries bars, Span<sbyte> output)
    {
        if (signals.Length != bars.Count) throw new ArgumentException($"{signals.Length} signals for {bars.Count} bars");
        signals.CopyTo(output);
    }
}
