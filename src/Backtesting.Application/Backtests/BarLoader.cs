using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Backtests;

/// <summary>Loads a job's bars from the market data store, turning "nothing there" into a validation error naming the field.</summary>
public sealed class BarLoader(IMarketDataStore marketData)
{
    public async Task<BarSeries> LoadAsync(string symbol, string timeframe, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        var bars = await marketData.ReadBarsAsync(symbol, timeframe, from, to, ct).ConfigureAwait(false);
        if (bars is null || bars.Count == 0)
            throw new ValidationException([new ValidationError("start_date/end_date", null,
                $"select no {timeframe} bars of {symbol} {Window(from, to)}; {await AvailableAsync(symbol, ct).ConfigureAwait(false)}")]);
        return bars;
    }

    /// <summary>The requested window with both ends named ("from the first bar" / "to the last bar" when open).</summary>
    private static string Window(DateTime? from, DateTime? to) =>
        $"between {(from is { } f ? Day(f) : "the first bar")} and {(to is { } t ? Day(t) : "the last bar")}";

    /// <summary>What the asset does have, so the caller can pick a window that selects bars.</summary>
    private async Task<string> AvailableAsync(string symbol, CancellationToken ct)
    {
        var ranges = (await marketData.GetRangesAsync(symbol, ct).ConfigureAwait(false)).Where(r => r.Count > 0 && r.First is not null).ToArray();
        return ranges.Length == 0
            ? $"{symbol} has no stored bars"
            : "available: " + string.Join(", ", ranges.Select(r => $"{r.Timeframe} from {Day(r.First!.Value)} to {Day(r.Last!.Value)}"));
    }

    private static string Day(DateTime time) => time.ToString(time.TimeOfDay == TimeSpan.Zero || time.TimeOfDay == TimeSpan.FromDays(1) - TimeSpan.FromTicks(1) ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
