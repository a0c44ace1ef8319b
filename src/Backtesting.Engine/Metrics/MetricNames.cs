namespace Backtesting.Engine.Metrics;

/// <summary>The API and storage names of every metric, and how to read one by name.</summary>
public static class MetricNames
{
    public const string FinalCapital = "final_capital";
    public const string TotalReturn = "total_return";
    public const string AnnualReturn = "annual_return";
    public const string MaxDrawdown = "max_drawdown";
    public const string MaxDrawdownDuration = "max_drawdown_duration";
    public const string SharpeRatio = "sharpe_ratio";
    public const string SortinoRatio = "sortino_ratio";
    public const string CalmarRatio = "calmar_ratio";
    public const string TotalTrades = "total_trades";
    public const string OpenTrades = "open_trades";
    public const string WinningTrades = "winning_trades";
    public const string LosingTrades = "losing_trades";
    public const string WinRate = "win_rate";
    public const string AvgWin = "avg_win";
    public const string AvgLoss = "avg_loss";
    public const string ProfitFactor = "profit_factor";
    public const string Expectancy = "expectancy";
    public const string TotalFees = "total_fees";
    public const string Exposure = "exposure";
    public const string BuyAndHoldReturn = "buy_and_hold_return";

    private static readonly (string Name, Func<PerformanceMetrics, double?> Read, bool HigherIsBetter)[] Table =
    [
        (FinalCapital, m => m.FinalCapital, true),
        (TotalReturn, m => m.TotalReturn, true),
        (AnnualReturn, m => m.AnnualReturn, true),
        (MaxDrawdown, m => m.MaxDrawdown, false),
        (MaxDrawdownDuration, m => m.MaxDrawdownDuration, false),
        (SharpeRatio, m => m.SharpeRatio, true),
        (SortinoRatio, m => m.SortinoRatio, true),
        (CalmarRatio, m => m.CalmarRatio, true),
        (TotalTrades, m => m.TotalTrades, true),
        (OpenTrades, m => m.OpenTrades, true),
        (WinningTrades, m => m.WinningTrades, true),
        (LosingTrades, m => m.LosingTrades, false),
        (WinRate, m => m.WinRate, true),
        (AvgWin, m => m.AvgWin, true),
        (AvgLoss, m => m.AvgLoss, true),
        (ProfitFactor, m => m.ProfitFactor, true),
        (Expectancy, m => m.Expectancy, true),
        (TotalFees, m => m.TotalFees, false),
        (Exposure, m => m.Exposure, true),
        (BuyAndHoldReturn, m => m.BuyAndHoldReturn, true),
    ];

    /// <summary>Every metric name, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = Table.Select(t => t.Name).ToArray();

    public static bool IsKnown(string name) => Array.Exists(Table, t => t.Name == name);

    /// <summary>True when a larger value is better (the default direction of an optimization objective).</summary>
    public static bool HigherIsBetter(string name) => Find(name).HigherIsBetter;

    /// <summary>The value of the named metric (null when undefined).</summary>
    public static double? Read(PerformanceMetrics metrics, string name) => Find(name).Read(metrics);

    /// <summary>Every metric as name -> value, in report order.</summary>
    public static IEnumerable<KeyValuePair<string, double?>> Enumerate(PerformanceMetrics metrics) =>
        Table.Select(t => new KeyValuePair<string, double?>(t.Name, t.Read(metrics)));

    private static (string Name, Func<PerformanceMetrics, double?> Read, bool HigherIsBetter) Find(string name)
    {
        foreach (var entry in Table)
            if (entry.Name == name) return entry;
        throw new ArgumentException($"unknown metric '{name}'; allowed: {string.Join(", ", All)}", nameof(name));
    }
}
