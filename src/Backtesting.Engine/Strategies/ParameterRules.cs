using System.Globalization;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Strategies;

/// <summary>Cross-parameter constraints shared by several strategies' definitions.</summary>
internal static class ParameterRules
{
    /// <summary>The value of <paramref name="lower"/> must be below that of <paramref name="upper"/> (fast &lt; slow, oversold &lt; overbought).</summary>
    public static IEnumerable<ValidationError> Below(ParameterSet p, string lower, string upper)
    {
        double a = p.GetDouble(lower), b = p.GetDouble(upper);
        if (a >= b)
            yield return new ValidationError($"parameters.{lower}", Format(a), $"must be < {upper} ({Format(b)})");
    }

    private static string Format(double v) => v.ToString(CultureInfo.InvariantCulture);
}
