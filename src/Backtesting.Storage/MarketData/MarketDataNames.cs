using System.Text.RegularExpressions;

namespace Backtesting.Storage.MarketData;

/// <summary>The forms of asset symbols and timeframes accepted for storage.</summary>
public static partial class MarketDataNames
{
    /// <summary>Symbols such as GOOG, BTC-USD, EUR/USD, ^GSPC or BRK.B.</summary>
    public static bool IsValidSymbol(string? symbol) => symbol is not null && SymbolPattern().IsMatch(symbol);

    /// <summary>A count and a unit: m (minutes), h, d, w or mo, e.g. 1m, 15m, 4h, 1d, 1w, 1mo.</summary>
    public static bool IsValidTimeframe(string? timeframe) => timeframe is not null && TimeframePattern().IsMatch(timeframe);

    [GeneratedRegex(@"^[A-Za-z0-9^][A-Za-z0-9._\-/=^]{0,31}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,3}(m|h|d|w|mo)$")]
    private static partial Regex TimeframePattern();
}
