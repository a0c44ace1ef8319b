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
        string where = RangeCondition(from, to);
        DateTime? first, last;
        await using (var connection = await database.OpenAsync(ct))
        {
            await using var bounds = connection.CreateCommand();
            bounds.CommandText = $"SELECT MIN(bar_time), MAX(bar_time) FROM market_data WHERE {where}";
            AddRangeParameters(bounds, symbol, timeframe, from, to);
            await using (var reader = await bounds.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                first = database.BarTimeFromValue(reader.GetValue(0));
                last = database.BarTimeFromValue(reader.GetValue(1));
            }
            // No rows: an empty series for a known asset, null for an unknown one.
            if (first is null || last is null)
                return await FindAssetAsync(connection, symbol, ct) is null ? null : EmptySeries();
        }

        // A long range is read as consecutive time slices on parallel connections, each scanned on its own
        // core (a PostgreSQL backend, an SQLite reader beside the WAL); the slices are half-open, so every
        // bar lands in exactly one.
        int slices = last.Value - first.Value > TimeSpan.FromDays(1) ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1;
        long step = (last.Value.Ticks - first.Value.Ticks) / slices;
        var parts = new BarSeriesBuilder[slices];
        // Task.Run: SQLite's reads complete synchronously, so without it the slices would run one after another.
        await Task.WhenAll(Enumerable.Range(0, slices).Select(k => Task.Run(async () =>
        {
            DateTime sliceFrom = k == 0 ? first.Value : new DateTime(first.Value.Ticks + k * step, DateTimeKind.Utc);
            DateTime? sliceTo = k == slices - 1 ? null : new DateTime(first.Value.Ticks + (k + 1) * step, DateTimeKind.Utc);
            parts[k] = await ReadSliceAsync(symbol, timeframe, sliceFrom, sliceTo, last.Value, ct);
        }, ct)));
        return BarSeriesBuilder.Build(parts);
    }

    public async Task<BarPage?> ReadBarPageAsync(string symbol, string timeframe, DateTime? from, DateTime? to, int offset, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MarketDataService.MaxBarsPerPage);
        string where = RangeCondition(from, to);
        await using var connection = await database.OpenAsync(ct);
        long total;
        await using (var count = connection.CreateCommand())
        {
            // the total walks the primary key's index only; the bar columns are read for the page alone
            count.CommandText = $"SELECT COUNT(*) FROM market_data WHERE {where}";
            AddRangeParameters(count, symbol, timeframe, from, to);
            total = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (total == 0)
            return await FindAssetAsync(connection, symbol, ct) is null ? null : new BarPage(EmptySeries(), 0);
        var bars = new BarSeriesBuilder();
        if (offset < total)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT bar_time, open, high, low, close, volume FROM market_data WHERE {where} ORDER BY bar_time LIMIT @Limit OFFSET @Offset";
            AddRangeParameters(command, symbol, timeframe, from, to);
            AddParameter(command, "Limit", (long)limit);   // long: both backends bind 64-bit integers
            AddParameter(command, "Offset", (long)offset);
            await database.ReadBarsAsync(command, bars, ct);
        }
        return new BarPage(bars.Build(), total);
    }

    /// <summary>The WHERE condition of a range read; binds with <see cref="AddRangeParameters"/>.</summary>
    private static string RangeCondition(DateTime? from, DateTime? to) =>
        "asset_id = @Symbol AND timeframe = @Timeframe" + (from is null ? "" : " AND bar_time >= @From") + (to is null ? "" : " AND bar_time <= @To");

    /// <summary>Bars with from &lt;= time &lt; toExclusive (or &lt;= last for the final slice), in time order.</summary>
    private async Task<BarSeriesBuilder> ReadSliceAsync(string symbol, string timeframe, DateTime from, DateTime? toExclusive, DateTime last, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT bar_time, open, high, low, close, volume FROM market_data WHERE asset_id = @Symbol AND timeframe = @Timeframe AND bar_time >= @From"
            + (toExclusive is null ? " AND bar_time <= @To" : " AND bar_time < @To") + " ORDER BY bar_time";
        AddRangeParameters(command, symbol, timeframe, from, toExclusive ?? last);
        var bars = new BarSeriesBuilder();
        await database.ReadBarsAsync(command, bars, ct);
        return bars;
    }

    private static BarSeries EmptySeries() => new BarSeriesBuilder().Build();

    private void AddRangeParameters(DbCommand command, string symbol, string timeframe, DateTime? from, DateTime? to)
    {
        AddParameter(command, "Symbol", symbol);
        AddParameter(command, "Timeframe", timeframe);
        if (from is { } f) AddParameter(command, "From", database.BarTime(f));
        if (to is { } t) AddParameter(command, "To", database.BarTime(t));
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
