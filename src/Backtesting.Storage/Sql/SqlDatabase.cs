using System.Data.Common;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Storage.MarketData;

namespace Backtesting.Storage.Sql;

/// <summary>
/// A PostgreSQL or SQLite database as the SQL stores see it: how to open a connection, the few
/// places where the two dialects differ, and each backend's bulk writers. The stores
/// (<see cref="SqlRunStore"/>, <see cref="SqlMarketDataStore"/>, ...) hold every query once and
/// run unchanged on both.
/// </summary>
public abstract class SqlDatabase
{
    private protected SqlDatabase()
    {
    }

    /// <summary>"postgres" or "sqlite", for messages.</summary>
    public abstract string ProviderName { get; }

    internal abstract ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// A connection for statements that write. Where the database takes one writer at a time (SQLite), this process's
    /// writers queue for it asynchronously here rather than colliding in the database, whose busy retries sleep the
    /// thread; disposing the connection lets the next writer in. Never open a second one while holding one.
    /// </summary>
    internal virtual ValueTask<DbConnection> OpenForWriteAsync(CancellationToken ct) => OpenAsync(ct);

    /// <summary>A parameter holding JSON text, cast where the column is typed JSON.</summary>
    internal abstract string Json(string parameter);

    /// <summary>
    /// A statement that serializes run submissions of the user bound to <c>@UserId</c> until the transaction
    /// ends, where one statement alone is not enough (PostgreSQL's READ COMMITTED lets two conditional
    /// inserts count the same rows); null where the database already serializes writers (SQLite).
    /// </summary>
    internal virtual string? LockUserRunsSql => null;

    /// <summary>"column IN list-parameter" in the dialect's form for a parameter bound to a collection.</summary>
    internal abstract string In(string column, string parameter);

    /// <summary>
    /// Appends a run's trades inside <paramref name="transaction"/>. The caller has already updated the
    /// run's row in that transaction (so it exists and stays locked until commit) and checked that every
    /// trade belongs to that run.
    /// </summary>
    internal abstract Task WriteTradesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TradeRecord> trades, CancellationToken ct);

    /// <summary>Upserts bars of one asset and timeframe inside <paramref name="transaction"/>: new times are inserted, existing ones updated.</summary>
    internal abstract Task WriteBarsAsync(DbConnection connection, DbTransaction transaction, string assetId, string timeframe, BarSeries bars, CancellationToken ct);

    /// <summary>The value bound for a <c>market_data.bar_time</c> parameter.</summary>
    internal abstract object BarTime(DateTime utc);

    /// <summary>A <c>market_data.bar_time</c> value read back, as UTC ticks.</summary>
    internal abstract long ReadBarTicks(DbDataReader reader, int ordinal);

    /// <summary>Runs a bar query (bar_time, open, high, low, close, volume, in time order) into <paramref name="bars"/>.</summary>
    internal virtual async Task ReadBarsAsync(DbCommand command, BarSeriesBuilder bars, CancellationToken ct)
    {
        // Default (row-buffered) access: rows are small, and it measured faster than sequential access.
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            bars.Add(ReadBarTicks(reader, 0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5));
    }

    /// <summary>A <c>market_data.bar_time</c> value as returned by an aggregate (MIN/MAX), or null.</summary>
    internal abstract DateTime? BarTimeFromValue(object? value);
}
