namespace Backtesting.Engine.Rules;

/// <summary>
/// A function of the language: its argument names, which of them are fixed for a run (periods and
/// widths: numbers and parameters only), whether it yields a condition, and what it means (for docs).
/// </summary>
internal sealed record RuleFunction(string Name, IReadOnlyList<string> Arguments, IReadOnlySet<int> FixedArguments, bool IsCondition, string Meaning)
{
    /// <summary>"sma(x, n)".</summary>
    public string Signature => $"{Name}({string.Join(", ", Arguments)})";

    /// <summary>Every function, by name.</summary>
    public static IReadOnlyDictionary<string, RuleFunction> All { get; } = new RuleFunction[]
    {
        new("sma", ["x", "n"], Fixed(1), false, "simple moving average of the last n values"),
        new("ema", ["x", "n"], Fixed(1), false, "exponential moving average, seeded with the SMA of the first n values"),
        new("wma", ["x", "n"], Fixed(1), false, "linearly weighted moving average (weights 1..n, newest heaviest)"),
        new("rsi", ["x", "n"], Fixed(1), false, "Wilder's relative strength index"),
        new("stdev", ["x", "n"], Fixed(1), false, "population standard deviation of the last n values"),
        new("bb_upper", ["x", "n", "k"], Fixed(1, 2), false, "sma(x, n) + k population deviations"),
        new("bb_lower", ["x", "n", "k"], Fixed(1, 2), false, "sma(x, n) - k population deviations"),
        new("macd", ["x", "fast", "slow"], Fixed(1, 2), false, "ema(x, fast) - ema(x, slow)"),
        new("macd_signal", ["x", "fast", "slow", "signal"], Fixed(1, 2, 3), false, "EMA(signal) of the MACD line"),
        new("atr", ["n"], Fixed(0), false, "Wilder's average true range of the bars"),
        new("highest", ["x", "n"], Fixed(1), false, "highest of the last n values (the current one included)"),
        new("lowest", ["x", "n"], Fixed(1), false, "lowest of the last n values (the current one included)"),
        new("prev", ["x", "k"], Fixed(1), false, "the value k bars ago"),
        new("roc", ["x", "n"], Fixed(1), false, "rate of change: x / prev(x, n) - 1"),
        new("abs", ["x"], Fixed(), false, "absolute value"),
        new("min", ["a", "b"], Fixed(), false, "the smaller of a and b"),
        new("max", ["a", "b"], Fixed(), false, "the larger of a and b"),
        new("crosses_above", ["a", "b"], Fixed(), true, "a rises above b at this bar (the last bar where they differed had a < b)"),
        new("crosses_below", ["a", "b"], Fixed(), true, "a falls below b at this bar (the last bar where they differed had a > b)"),
    }.ToDictionary(f => f.Name);

    private static HashSet<int> Fixed(params int[] indexes) => [.. indexes];
}
