using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
using Backtesting.Storage.MarketData;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary>
/// <see cref="IMarketDataImporter"/> for the owner role: validates the bars, creates the asset if
/// missing and upserts the bars in one transaction (binary COPY on PostgreSQL, a prepared
/// statement on SQLite), so a failed import leaves nothing behind.
/// </summary>
public sealed class SqlMarketDataImporter(SqlDatabase ownerDatabase, TimeProvider? clock = null) : IMarketDataImporter
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<long> ImportAsync(Asset asset, string timeframe, BarSeries bars, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(bars);
        if (!MarketDataNames.IsValidSymbol(asset.Symbol))
            throw new ArgumentException($"symbol '{asset.Symbol}' must be 1-32 letters, digits or . _ - / = ^", nameof(asset));
        if (!MarketDataNames.IsValidTimeframe(timeframe))
            throw new ArgumentException($"timeframe '{timeframe}' must be a count and a unit m, h, d, w or mo (e.g. 1m, 4h, 1d)", nameof(timeframe));
        BarSeriesValidator.Validate(bars);
        if (bars.Count == 0)
            return 0;

        await using var connection = await ownerDatabase.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO assets (id, name, asset_class, currency, created_at) VALUES (@Symbol, @Name, @AssetClass, @Currency, @Now) " +
            "ON CONFLICT (id) DO NOTHING",
            new { asset.Symbol, asset.Name, asset.AssetClass, asset.Currency, Now = DbTime.ToDb(_clock.GetUtcNow().UtcDateTime) },
            transaction, cancellationToken: ct));
        await ownerDatabase.WriteBarsAsync(connection, transaction, asset.Symbol, timeframe, bars, ct);
        await transaction.CommitAsync(ct);
        return bars.Count;
    }
}
