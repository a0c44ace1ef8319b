namespace Backtesting.Engine.Simulation;

/// <summary>Which positions a strategy may take (<c>direction</c> parameter).</summary>
public enum DirectionMode
{
    /// <summary>Bullish signals open longs, bearish signals close them.</summary>
    Long,

    /// <summary>Bearish signals open shorts, bullish signals cover them.</summary>
    Short,

    /// <summary>Always in the market after the first signal: an opposite signal closes and reverses at the same fill.</summary>
    LongShort,
}
