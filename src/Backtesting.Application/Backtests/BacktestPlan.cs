namespace Backtesting.Application.Backtests;

/// <summary>How a backtest is split: bar count and chunk boundaries [b0=0, b1, ..., bk=count].</summary>
public sealed record BacktestPlan(int BarCount, int[] Boundaries, bool Cancelled = false)
{
    public int ChunkCount => Math.Max(0, Boundaries.Length - 1);

    /// <summary>Even boundaries for <paramref name="chunks"/> chunks of <paramref name="bars"/> bars.</summary>
    public static BacktestPlan Create(int bars, int chunks)
    {
        chunks = Math.Clamp(chunks, 1, Math.Max(1, bars));
        var boundaries = new int[chunks + 1];
        for (int k = 0; k <= chunks; k++)
            boundaries[k] = (int)((long)bars * k / chunks);
        return new BacktestPlan(bars, boundaries);
    }
}
