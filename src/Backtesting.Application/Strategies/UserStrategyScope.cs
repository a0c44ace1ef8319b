using Backtesting.Engine.Strategies;

namespace Backtesting.Application.Strategies;

/// <summary>
/// What strategy ids mean for one user: the built-ins and the user's own strategies (another user's are
/// not there, so they are "not found"). Requests validate against <see cref="Lookup"/>; jobs keep
/// <see cref="DefinitionsOf"/> so that their activities run the definition as it was at submission.
/// </summary>
public sealed class UserStrategyScope
{
    private readonly Dictionary<string, string> _definitions;

    public UserStrategyScope(IEnumerable<UserStrategy> own)
    {
        ArgumentNullException.ThrowIfNull(own);
        _definitions = own.Where(s => StrategyCatalog.Find(s.Id) is null).ToDictionary(s => s.Id, s => s.Definition, StringComparer.Ordinal);
        Lookup = StoredStrategyDefinitions.Lookup(_definitions);
    }

    /// <summary>The built-ins and this user's strategies.</summary>
    public StrategyLookup Lookup { get; }

    /// <summary>The definitions of the user strategies among <paramref name="strategyIds"/> (built-ins need none); null when there are none.</summary>
    public Dictionary<string, string>? DefinitionsOf(IEnumerable<string?> strategyIds)
    {
        ArgumentNullException.ThrowIfNull(strategyIds);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in strategyIds)
            if (id is not null && _definitions.TryGetValue(id, out var definition))
                named[id] = definition;
        return named.Count > 0 ? named : null;
    }
}
