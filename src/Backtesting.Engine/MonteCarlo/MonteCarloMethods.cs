namespace Backtesting.Engine.MonteCarlo;

/// <summary>The API names of the Monte Carlo methods (snake_case) and conversions.</summary>
public static class MonteCarloMethods
{
    public const string TradeReshuffle = "trade_reshuffle";
    public const string TradeBootstrap = "trade_bootstrap";
    public const string BlockBootstrap = "block_bootstrap";
    public const string Gbm = "gbm";

    public static IReadOnlyList<string> All { get; } = [TradeReshuffle, TradeBootstrap, BlockBootstrap, Gbm];

    /// <summary>The API name of a method.</summary>
    public static string Name(MonteCarloMethod method) => method switch
    {
        MonteCarloMethod.TradeReshuffle => TradeReshuffle,
        MonteCarloMethod.TradeBootstrap => TradeBootstrap,
        MonteCarloMethod.BlockBootstrap => BlockBootstrap,
        _ => Gbm,
    };

    /// <summary>The method with this API name; false for any other text.</summary>
    public static bool TryParse(string? name, out MonteCarloMethod method)
    {
        method = name switch
        {
            TradeReshuffle => MonteCarloMethod.TradeReshuffle,
            TradeBootstrap => MonteCarloMethod.TradeBootstrap,
            BlockBootstrap => MonteCarloMethod.BlockBootstrap,
            Gbm => MonteCarloMethod.Gbm,
            _ => (MonteCarloMethod)(-1),
        };
        return Enum.IsDefined(method);
    }

    /// <summary>True for the methods that resample trades rather than prices.</summary>
    public static bool ResamplesTrades(MonteCarloMethod method) => method is MonteCarloMethod.TradeReshuffle or MonteCarloMethod.TradeBootstrap;

    /// <summary>Drawdown basis of trade paths: equity after each closed trade.</summary>
    public const string TradeDrawdowns = "trades";

    /// <summary>Drawdown basis of price paths: equity at every bar close.</summary>
    public const string BarDrawdowns = "bars";

    /// <summary>
    /// How a method's paths measure drawdowns (and its baseline is measured the same way): trade methods
    /// trade by trade, price methods bar by bar.
    /// </summary>
    public static string DrawdownBasis(MonteCarloMethod method) => ResamplesTrades(method) ? TradeDrawdowns : BarDrawdowns;

    /// <summary>
    /// What a method's paths are and what they cannot change, in one sentence for the result's <c>note</c>
    /// (a reshuffle's final capital is the same on every path by construction: no spread there means nothing).
    /// </summary>
    public static string Note(MonteCarloMethod method) => method switch
    {
        MonteCarloMethod.TradeReshuffle => "trade_reshuffle compounds the closed trades' returns (pnl over the equity at entry) from initial_capital in random orders: "
            + "final_capital, total_return, total_trades and win_rate are unchanged by construction (a product does not depend on its order); "
            + "drawdowns and the dollar trade statistics vary",
        MonteCarloMethod.TradeBootstrap => "trade_bootstrap draws the closed trades' returns (pnl over the equity at entry) with replacement and compounds them from initial_capital",
        MonteCarloMethod.BlockBootstrap => "block_bootstrap builds price paths from blocks of the real bar moves and re-runs the strategy on each",
        _ => "gbm simulates price paths by geometric Brownian motion fitted to the bars and re-runs the strategy on each",
    };
}
