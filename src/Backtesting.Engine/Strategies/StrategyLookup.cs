namespace Backtesting.Engine.Strategies;

/// <summary>
/// The strategies a request may name: the built-ins plus, when given, a user's own (rules strategies).
/// A built-in id always means the built-in. Requests default to <see cref="BuiltIns"/>.
/// </summary>
public sealed class StrategyLookup
{
    private readonly Dictionary<string, StrategyDefinition> _own;

    public StrategyLookup(IEnumerable<StrategyDefinition> own)
    {
        ArgumentNullException.ThrowIfNull(own);
        _own = own.Where(s => StrategyCatalog.Find(s.Id) is null).ToDictionary(s => s.Id, StringComparer.Ordinal);
        Ids = [.. StrategyCatalog.Ids, .. _own.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Only the built-in strategies.</summary>
    public static StrategyLookup BuiltIns { get; } = new([]);

    /// <summary>Every id that resolves: the built-ins first, then the own ones by id.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The built-in or own strategy with that id; null when there is none.</summary>
    public StrategyDefinition? Find(string? id) =>
        StrategyCatalog.Find(id) ?? (id is not null && _own.TryGetValue(id, out var own) ? own : null);
}
