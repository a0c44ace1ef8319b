namespace Backtesting.Engine.Rules;

/// <summary>The rule texts of a strategy (null when absent); at least one entry rule is present.</summary>
public sealed record RuleSet(string? LongEntry, string? LongExit, string? ShortEntry, string? ShortExit)
{
    /// <summary>JSON names of the rules, in evaluation order of their flags.</summary>
    public static IReadOnlyList<string> Names { get; } = ["long_entry", "long_exit", "short_entry", "short_exit"];

    /// <summary>The rule named <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public string? this[string name] => name switch
    {
        "long_entry" => LongEntry,
        "long_exit" => LongExit,
        "short_entry" => ShortEntry,
        "short_exit" => ShortExit,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a rule name"),
    };

    /// <summary>long, short or long_short: the positions these rules can take.</summary>
    public string Direction => (LongEntry is not null, ShortEntry is not null) switch
    {
        (true, true) => "long_short",
        (false, true) => "short",
        _ => "long",
    };
}
