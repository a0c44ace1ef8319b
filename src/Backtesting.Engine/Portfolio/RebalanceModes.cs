namespace Backtesting.Engine.Portfolio;

/// <summary>The API names of the rebalancing modes.</summary>
public static class RebalanceModes
{
    public static IReadOnlyList<string> All { get; } = ["none", "daily", "weekly", "monthly", "threshold"];

    public static string Name(RebalanceMode mode) => All[(int)mode];

    public static bool TryParse(string? name, out RebalanceMode mode)
    {
        int index = name is null ? -1 : All.ToList().IndexOf(name);
        mode = (RebalanceMode)Math.Max(0, index);
        return index >= 0;
    }
}
