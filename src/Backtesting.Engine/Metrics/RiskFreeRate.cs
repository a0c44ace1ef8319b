using System.Globalization;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Metrics;

/// <summary>
/// The annual risk-free rate rf that Sharpe and Sortino subtract from every return (rf / A per bar):
/// an annual fraction (0.05 = 5 %). The one rule every entry point (API, MCP, CLI) checks it with.
/// </summary>
public static class RiskFreeRate
{
    /// <summary>The field's name in requests, tool arguments and results.</summary>
    public const string Field = "risk_free_rate";
    public const double Min = -1;
    public const double Max = 1;

    /// <summary>What is allowed, in words (for error messages and descriptions).</summary>
    public const string Allowed = "a finite annual rate as a fraction in [-1, 1], e.g. 0.05 for 5 %";

    /// <summary>The problem with <paramref name="value"/>, or null when it is allowed.</summary>
    public static ValidationError? Check(double value, string field = Field) =>
        double.IsFinite(value) && value >= Min && value <= Max
            ? null
            : new ValidationError(field, value.ToString(CultureInfo.InvariantCulture), "must be " + Allowed);
}
