using System.Globalization;

namespace Backtesting.Engine.Tests.Support;

/// <summary>Numeric assertions with explicit tolerances.</summary>
public static class AssertNumber
{
    /// <summary>|actual - expected| &lt;= tolerance.</summary>
    public static void Absolute(double expected, double? actual, double tolerance, string? what = null)
    {
        Assert.True(actual.HasValue, $"{what ?? "value"}: expected {R(expected)}, got null");
        double diff = Math.Abs(actual!.Value - expected);
        Assert.True(diff <= tolerance,
            $"{what ?? "value"}: expected {R(expected)} +/- {R(tolerance)}, got {R(actual.Value)} (diff {R(diff)})");
    }

    /// <summary>|actual - expected| &lt;= tolerance x |expected|.</summary>
    public static void Relative(double expected, double? actual, double tolerance, string? what = null) =>
        Absolute(expected, actual, tolerance * Math.Abs(expected), what);

    /// <summary>
    /// The value matches a figure printed with a fixed number of decimals: |actual - printed| &lt;= half a unit
    /// of the last printed digit (plus 1e-12 relative for binary representation of the printed number).
    /// </summary>
    public static void MatchesPrinted(string printed, double? actual, string? what = null)
    {
        double expected = double.Parse(printed, CultureInfo.InvariantCulture);
        int dot = printed.IndexOf('.');
        int decimals = dot < 0 ? 0 : printed.Length - dot - 1;
        double halfUnit = 0.5 * Math.Pow(10, -decimals);
        Absolute(expected, actual, halfUnit + 1e-12 * Math.Abs(expected), what ?? printed);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
