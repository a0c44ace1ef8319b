using System.Globalization;

namespace Backtesting.Engine.Data;

/// <summary>The bar contract: strictly increasing timestamps, finite prices > 0, low &lt;= min(open, close) &lt;= max(open, close) &lt;= high.</summary>
public static class BarSeriesValidator
{
    /// <summary>The reason bar values break the contract, or null when they are valid.</summary>
    public static string? Check(double open, double high, double low, double close, double volume)
    {
        if (!IsPositiveFinite(open)) return $"open {Format(open)} must be a finite price > 0";
        if (!IsPositiveFinite(high)) return $"high {Format(high)} must be a finite price > 0";
        if (!IsPositiveFinite(low)) return $"low {Format(low)} must be a finite price > 0";
        if (!IsPositiveFinite(close)) return $"close {Format(close)} must be a finite price > 0";
        if (!(volume >= 0) || double.IsInfinity(volume)) return $"volume {Format(volume)} must be a finite number >= 0";
        if (low > Math.Min(open, close)) return $"low {Format(low)} is above min(open, close) {Format(Math.Min(open, close))}";
        if (high < Math.Max(open, close)) return $"high {Format(high)} is below max(open, close) {Format(Math.Max(open, close))}";
        return null;
    }

    /// <summary>Throws <see cref="BarDataException"/> for the first bar that breaks the contract (rows numbered from 1).</summary>
    public static void Validate(BarSeries bars)
    {
        for (int i = 0; i < bars.Count; i++)
        {
            if (i > 0 && bars.Timestamps[i] <= bars.Timestamps[i - 1])
                throw new BarDataException(i + 1, $"timestamp {bars.TimeAt(i):O} is not after the previous bar's {bars.TimeAt(i - 1):O}");
            string? reason = Check(bars.Open[i], bars.High[i], bars.Low[i], bars.Close[i], bars.Volume[i]);
            if (reason is not null)
                throw new BarDataException(i + 1, reason);
        }
    }

    private static bool IsPositiveFinite(double value) => value > 0 && double.IsFinite(value);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
