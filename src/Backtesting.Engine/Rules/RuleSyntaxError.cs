namespace Backtesting.Engine.Rules;

/// <summary>One problem in a rule expression at a 1-based column.</summary>
internal readonly record struct RuleSyntaxError(int Column, string Message)
{
    public override string ToString() => $"column {Column}: {Message}";
}
