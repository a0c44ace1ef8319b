namespace Backtesting.Engine.Data;

/// <summary>
/// Maps prices to integers (price x 10^decimals) so that window sums and comparisons of
/// averages are exact: a tie in the data is a tie in the engine, whatever the float rounding.
/// </summary>
public static class PriceScale
{
    /// <summary>Most decimals honoured exactly; finer prices are rounded to this many.</summary>
    public const int MaxDecimals = 8;

    private static readonly double[] Powers = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

    /// <summary>Smallest number of decimals (0..8) that represents every price exactly.</summary>
    public static int DetectDecimals(ReadOnlySpan<double> prices)
    {
        int decimals = 0;
        foreach (double price in prices)
        {
            while (decimals < MaxDecimals && !IsWhole(price * Powers[decimals]))
                decimals++;
            if (decimals == MaxDecimals)
                break;
        }
        return decimals;
    }

    /// <summary>Writes round(price x 10^decimals) for every price.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void ToScaled(ReadOnlySpan<double> prices, int decimals, Span<long> scaled)
    {
        double factor = Powers[Math.Clamp(decimals, 0, MaxDecimals)];
        for (int i = 0; i < prices.Length; i++)
            scaled[i] = (long)Math.Round(prices[i] * factor);
    }

    /// <summary>Scaled copies of the prices.</summary>
    public static long[] ToScaled(ReadOnlySpan<double> prices, int decimals)
    {
        var scaled = new long[prices.Length];
        ToScaled(prices, decimals, scaled);
        return scaled;
    }

    private static bool IsWhole(double value)
    {
        // Parsed decimals carry binary error of a few ulps (179.13 x 100 = 17912.999999999998).
        return Math.Abs(value - Math.Round(value)) < 1e-5;
    }
}
