using System.Data.Common;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Storage.MarketData;
using Backtesting.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Backtesting.Storage.Sqlite;

/// <summary>
/// An SQLite file through Microsoft.Data.Sqlite: foreign keys on, write-ahead log, prepared
/// statements reused row by row for bulk writes inside the caller's transaction (trades through
/// <see cref="SqliteTradeWriter"/>); bar range reads through <see cref="SqliteBarReader"/>.
/// </summary>
public sealed class SqliteDatabase : SqlDatabase
{
    private int _walEnabled;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (builder.DefaultTimeout < 30)
            builder.DefaultTimeout = 30; // seconds a writer waits for another one's lock
        ConnectionString = builder.ToString();
    }

    /// <summary>A database file (created with its folder when missing).</summary>
    public static SqliteDatabase ForFile(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteDatabase(new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString());
    }

    public override string ProviderName => "sqlite";

    public string ConnectionString { get; }

    internal override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            // WAL lets readers run beside the one writer; the mode is stored in the file, so set it once.
            if (Interlocked.Exchange(ref _walEnabled, 1) == 0)
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", ct);
            await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL", ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal override string Json(string parameter) => parameter;

    // Dapper expands a collection parameter into (@p1, @p2, ...).
    internal override string In(string column, string parameter) => $"{column} IN {parameter}";

    internal override Task WriteTradesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TradeRecord> trades, CancellationToken ct)
    {
        SqliteTradeWriter.Write((SqliteConnection)connection, trades, ct);
        return Task.CompletedTask;
    }

    internal override Task WriteBarsAsync(DbConnection connection, DbTransaction transaction, string assetId, string timeframe, BarSeries bars, CancellationToken ct)
    {
        using var command = Prepare(connection, transaction,
            "INSERT INTO market_data (asset_id, timeframe, bar_time, open, high, low, close, volume) VALUES ($0, $1, $2, $3, $4, $5, $6, $7) " +
            "ON CONFLICT (asset_id, timeframe, bar_time) DO UPDATE SET open = excluded.open, high = excluded.high, " +
            "low = excluded.low, close = excluded.close, volume = excluded.volume", 8);
        var p = command.Parameters;
        p[0].Value = assetId;
        p[1].Value = timeframe;
        for (int i = 0; i < bars.Count; i++)
        {
            if ((i & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            p[2].Value = bars.Timestamps[i];
            p[3].Value = bars.Open[i];
            p[4].Value = bars.High[i];
            p[5].Value = bars.Low[i];
            p[6].Value = bars.Close[i];
            p[7].Value = bars.Volume[i];
            command.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    internal override object BarTime(DateTime utc) => DbTime.ToDb(utc).Ticks;

    internal override long ReadBarTicks(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal);

    internal override Task ReadBarsAsync(DbCommand command, BarSeriesBuilder bars, CancellationToken ct)
    {
        SqliteBarReader.Read((SqliteCommand)command, bars, ct);
        return Task.CompletedTask;
    }

    internal override DateTime? BarTimeFromValue(object? value) => value is long ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;

    private static SqliteCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        for (int i = 0; i < parameters; i++)
            command.Parameters.Add(new SqliteParameter("$" + i, null));
        command.Prepare();
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
