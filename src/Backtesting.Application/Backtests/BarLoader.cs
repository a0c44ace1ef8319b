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
                $"select no {timeframe} bars of {symbol}{(from is null && to is null ? "" : $" between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}")}")]);
        return bars;
    }
}
