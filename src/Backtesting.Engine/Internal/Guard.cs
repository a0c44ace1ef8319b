using System.Runtime.CompilerServices;

namespace Backtesting.Engine.Internal;

/// <summary>The one place argument checks live, so every public entry point fails the same way.</summary>
internal static class Guard
{
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number > 0");
    }

    public static void NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number >= 0");
    }

    public static void Positive(int value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, value, "must be > 0");
    }

    public static void InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"must be between {min} and {max}");
    }
}
