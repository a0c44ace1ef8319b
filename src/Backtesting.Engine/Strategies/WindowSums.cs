namespace Backtesting.Engine.Strategies;

/// <summary>Exact rolling-sum kernels over integer-scaled prices.</summary>
public static class WindowSums
{
    /// <summary>
    /// Crossover signals of SMA(fast) against SMA(slow) over scaled prices: sign(sum_f x n_s - sum_s x n_f)
    /// fed to the contract's crossover rule once both windows are full.
    /// </summary>
    public static void Crossovers(ReadOnlySpan<long> prices, int fast, int slow, Span<sbyte> signals)
    {
        int n = prices.Length;
        if (signals.Length < n) throw new ArgumentException("signals is shorter than prices", nameof(signals));
        new RunningCrossovers(fast, slow).Advance(prices, 0, 0, n, signals);
    }
}
