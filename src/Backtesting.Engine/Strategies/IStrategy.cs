using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies;

/// <summary>
/// A trading rule. It decides at the close of each bar using only bars up to that one, writing
/// +1 (bullish), -1 (bearish) or 0 per bar; the simulator maps signals to positions by direction.
/// </summary>
public interface IStrategy
{
    /// <summary>Writes one signal per bar of <paramref name="bars"/>.</summary>
    void GenerateSignals(BarSeries bars, Span<sbyte> signals);
}
