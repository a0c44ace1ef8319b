using System.Text.Json;

namespace Backtesting.Application.Research;

/// <summary>
/// One grid axis as given (see <see cref="GridAxes"/>). Jobs keep the axes as a list because their order
/// is the grid's order (first axis slowest, ties ranked in grid order) and a JSON object's key order does
/// not survive every store (PostgreSQL's jsonb sorts keys).
/// </summary>
public sealed record GridAxisSpec(string Name, JsonElement Values)
{
    public static List<GridAxisSpec> ListOf(Dictionary<string, JsonElement> grid) => grid.Select(kv => new GridAxisSpec(kv.Key, kv.Value)).ToList();
}
