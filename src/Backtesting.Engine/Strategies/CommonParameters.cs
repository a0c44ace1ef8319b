namespace Backtesting.Engine.Strategies;

/// <summary>Parameters every strategy accepts: sizing, direction, exits, fills and costs.</summary>
public static class CommonParameters
{
    public const string PositionSize = "position_size";
    public const string Direction = "direction";
    public const string StopLossPct = "stop_loss_pct";
    public const string TakeProfitPct = "take_profit_pct";
    public const string Fractional = "fractional";
    public const string Fill = "fill";
    public const string Commission = "commission";
    public const string SlippageBps = "slippage_bps";
    public const string CloseAtEnd = "close_at_end";

    public static readonly IReadOnlyList<string> Directions = ["long", "short", "long_short"];
    public static readonly IReadOnlyList<string> Fills = ["next_open", "close"];

    public static IReadOnlyList<ParameterDefinition> All { get; } =
    [
        ParameterDefinition.Number(PositionSize, 1, 0, 1, "Fraction of current equity committed to each entry.", exclusiveMin: true),
        ParameterDefinition.Choice(Direction, "long", Directions, "long: buy on bullish signals, sell on bearish; short: the mirror; long_short: reverse on every opposite signal."),
        ParameterDefinition.Number(StopLossPct, null, 0, 1, "Stop loss as a fraction below (long) or above (short) the entry price, checked from the bar after the entry fill.", exclusiveMin: true, exclusiveMax: true, nullable: true),
        ParameterDefinition.Number(TakeProfitPct, null, 0, 100, "Take profit as a fraction above (long) or below (short) the entry price.", exclusiveMin: true, nullable: true),
        ParameterDefinition.Boolean(Fractional, false, "Trade exact fractional units instead of whole units."),
        ParameterDefinition.Choice(Fill, "next_open", Fills, "next_open: orders decided at a bar's close fill at the next bar's open; close: at the deciding bar's close."),
        ParameterDefinition.Number(Commission, 0, 0, 0.1, "Commission rate charged on every fill's notional (0.001 = 0.1 %)."),
        ParameterDefinition.Number(SlippageBps, 0, 0, 1000, "Slippage in basis points moving every fill against the trader."),
        ParameterDefinition.Boolean(CloseAtEnd, false, "Close a position still open at the end at the last close instead of reporting it as an open trade."),
    ];
}
