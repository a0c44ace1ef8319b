namespace Backtesting.Engine.Portfolio;

/// <summary>The API names of the rebalancing modes.</summary>
public static class RebalanceModes
{
    public static IReadOnlyList<string> All { get; } = ["none", "daily", "weekly", "monthly", "threshold"];

    /// <summary>The API name of a mode.</summary>
    public static string Name(RebalanceMode mode) => All[(int)mode];

    /// <summary>The mode with this API name; false for any other text.</summary>
    public static bool TryParse(string? name, out RebalanceMode mode)
    {
        int index = name is null ? -1 : All.ToList().IndexOf(name);
        mode = (RebalanceMode)Math.Max(0, index);
        return index >= 0;
    }
}
