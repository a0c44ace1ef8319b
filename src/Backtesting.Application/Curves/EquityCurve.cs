namespace Backtesting.Application.Curves;

/// <summary>Equity at bar closes: parallel arrays of UTC ticks and values.</summary>
public sealed record EquityCurve(long[] Timestamps, double[] Values)
{
    public int Count => Values.Length;
}
