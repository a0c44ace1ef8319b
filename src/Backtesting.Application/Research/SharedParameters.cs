using System.Text.Json;
using Backtesting.Engine.Strategies;

namespace Backtesting.Application.Research;

/// <summary>
/// Parameters of one comparison candidate or portfolio asset from the request's shared ones and its own:
/// the shared common parameters (commission, position_size, direction, ...) apply to every one; shared
/// strategy parameters (fast_period, ...) apply to those running the request's strategy_id (to all when
/// the request names none); its own parameters override both.
/// </summary>
public static class SharedParameters
{
    public static Dictionary<string, JsonElement> Resolve(string? sharedStrategy, IReadOnlyDictionary<string, JsonElement>? shared,
        string? ownStrategy, IReadOnlyDictionary<string, JsonElement>? own)
    {
        bool sameStrategy = sharedStrategy is null || ownStrategy is null || ownStrategy == sharedStrategy;
        var merged = new Dictionary<string, JsonElement>(own ?? new Dictionary<string, JsonElement>());
        foreach (var (name, value) in shared ?? new Dictionary<string, JsonElement>())
            if ((sameStrategy || CommonParameters.All.Any(p => p.Name == name)) && !merged.ContainsKey(name))
                merged[name] = value;
        return merged;
    }
}
