using Backtesting.Application.MarketData;
using Backtesting.Engine.Data;

namespace Backtesting.Application.Ports;

/// <summary>Assets and their bars (<c>assets</c>, <c>market_data</c>). Reads use the read-only service role.</summary>
public interface IMarketDataStore
{
    Task<IReadOnlyList<Asset>> ListAssetsAsync(CancellationToken ct = default);

    Task<Asset?> GetAssetAsync(string symbol, CancellationToken ct = default);

    /// <summary>Stored timeframes and ranges of one asset.</summary>
    Task<IReadOnlyList<BarRange>> GetRangesAsync(string symbol, CancellationToken ct = default);

    /// <summary>Bars with from &lt;= time &lt;= to (either bound optional) in time order; empty when none.</summary>
    Task<BarSeries?> ReadBarsAsync(string symbol, string timeframe, DateTime? from, DateTime? to, CancellationToken ct = default);

    /// <summary>
    /// At most <paramref name="limit"/> bars with from &lt;= time &lt;= to, skipping the first <paramref name="offset"/>,
    /// in time order, read as one bounded query (never the whole range); null when the asset does not exist.
    /// <paramref name="limit"/> is in [1, <see cref="MarketDataService.MaxBarsPerPage"/>], <paramref name="offset"/> &gt;= 0.
    /// </summary>
    Task<BarPage?> ReadBarPageAsync(string symbol, string timeframe, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default);
}
