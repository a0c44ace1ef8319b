using System.Data.Common;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Engine.Data;
using Backtesting.Storage.MarketData;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary>
/// <see cref="IMarketDataStore"/> over <c>assets</c> and <c>market_data</c>. Range reads walk the
/// primary key (asset, timeframe, bar time) and stream rows straight into column arrays.
/// </summary>
public sealed class SqlMarketDataStore(SqlDatabase database) : IMarketDataStore
{
    private const string AssetColumns = "id AS Symbol, name AS Name, asset_class AS AssetClass, currency AS Currency";

    public async Task<IReadOnlyList<Asset>> ListAssetsAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var assets = await connection.QueryAsync<Asset>(new CommandDefinition($"SELECT {AssetColumns} FROM assets ORDER BY id", cancellationToken: ct));
        return assets.ToList();
    }

    public async Task<Asset?> GetAssetAsync(string symbol, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await FindAssetAsync(connection, symbol, ct);
    }

    public async Task<IReadOnlyList<BarRange>> GetRangesAsync(string symbol, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT timeframe, COUNT(*), MIN(bar_time), MAX(bar_time) FROM market_data WHERE asset_id = @Symbol GROUP BY timeframe ORDER BY timeframe";
        AddParameter(command, "Symbol", symbol);
        var ranges = new List<BarRange>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ranges.Add(new BarRange(symbol, reader.GetString(0), reader.GetInt64(1), database.BarTimeFromValue(reader.GetValue(2)), database.BarTimeFromValue(reader.GetValue(3))));
        return ranges;
    }

    public async Task<BarSeries?> ReadBarsAsync(string symbol, string timeframe, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT bar_time, open, high, low, close, volume FROM market_data WHERE asset_id = @Symbol AND timeframe = @Timeframe" +
            (from is null ? "" : " AND bar_time >= @From") + (to is null ? "" : " AND bar_time <= @To") + " ORDER BY bar_time";
        AddParameter(command, "Symbol", symbol);
        AddParameter(command, "Timeframe", timeframe);
        if (from is { } f) AddParameter(command, "From", database.BarTime(f));
        if (to is { } t) AddParameter(command, "To", database.BarTime(t));

        var bars = new BarSeriesBuilder();
        // Default (row-buffered) access: rows are small, and it measured faster than sequential access.
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                bars.Add(database.ReadBarTicks(reader, 0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5));
        }
        // No rows: an empty series for a known asset, null for an unknown one.
        if (bars.Count == 0 && await FindAssetAsync(connection, symbol, ct) is null)
            return null;
        return bars.Build();
    }

    private static Task<Asset?> FindAssetAsync(DbConnection connection, string symbol, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Asset>(new CommandDefinition($"SELECT {AssetColumns} FROM assets WHERE id = @Symbol", new { Symbol = symbol }, cancellationToken: ct));

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
