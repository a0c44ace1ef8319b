namespace Backtesting.Mcp.Resources;

/// <summary>The URIs of the server's resources; tools embed the same ones.</summary>
internal static class ResourceUris
{
    public const string BacktestTemplate = "backtest://{id}";
    public const string ResultsTemplate = "backtest://{id}/results";
    public const string MetricsTemplate = "backtest://{id}/metrics";
    public const string Strategies = "backtesting://strategies";
    public const string Assets = "backtesting://assets";
    public const string Backtests = "backtesting://backtests";
    public const string SessionTemplate = "session://{id}";
    public const string SessionOrdersTemplate = "session://{id}/orders";
    public const string SessionFillsTemplate = "session://{id}/fills";
    public const string StrategyValidation = "backtesting://strategies/validation";

    /// <summary>One of the caller's own strategies, as create_strategy embeds it.</summary>
    public static string Strategy(string id) => $"backtesting://strategies/{Uri.EscapeDataString(id)}";

    public static string Backtest(string id) => $"backtest://{Uri.EscapeDataString(id)}";

    public static string Results(string id) => $"backtest://{Uri.EscapeDataString(id)}/results";

    public static string Metrics(string id) => $"backtest://{Uri.EscapeDataString(id)}/metrics";

    /// <summary>A trading session's state (and, per tool, its bars, an order, an advance or the close) as the session tools embed it.</summary>
    public static string Session(string id, string? part = null) => $"session://{Uri.EscapeDataString(id)}{(part is null ? "" : "/" + part)}";
}
