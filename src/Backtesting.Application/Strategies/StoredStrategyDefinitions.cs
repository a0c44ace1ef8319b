using System.Collections.Concurrent;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Strategies;

namespace Backtesting.Application.Strategies;

/// <summary>
/// Turns stored definitions (id -> definition JSON, as a job captured them at submission or as a user's
/// rows hold them) into the engine's <see cref="StrategyLookup"/>. Parsed definitions are kept by their
/// text, so the activities of one job (chunks, cell batches) compile each definition once per process.
/// </summary>
public static class StoredStrategyDefinitions
{
    private const int CacheCapacity = 512;
    private static readonly ConcurrentDictionary<string, StrategyDefinition?> Parsed = new(StringComparer.Ordinal);

    /// <summary>The built-ins plus these definitions; one that no longer parses is left out (its id is then "not found").</summary>
    public static StrategyLookup Lookup(IReadOnlyDictionary<string, string>? definitions) =>
        definitions is not { Count: > 0 }
            ? StrategyLookup.BuiltIns
            : new StrategyLookup(definitions.Values.Select(Parse).OfType<StrategyDefinition>());

    /// <summary>The definition's engine form; null when the text is not a valid definition.</summary>
    public static StrategyDefinition? Parse(string definitionJson)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        if (Parsed.TryGetValue(definitionJson, out var known)) return known;
        if (Parsed.Count >= CacheCapacity) Parsed.Clear();
        RuleStrategyDefinition.TryParse(definitionJson, out var definition);
        return Parsed[definitionJson] = definition?.ToStrategyDefinition();
    }
}
