using System.Data.Common;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Storage.MarketData;
using Backtesting.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Backtesting.Storage.Sqlite;

/// <summary>
/// An SQLite file through Microsoft.Data.Sqlite: foreign keys on, write-ahead log, prepared
/// bulk writes (trades, bar imports) stepped through the C API by <see cref="SqliteBulkWriter"/> inside
/// the caller's transaction; bar range reads through <see cref="SqliteBarReader"/>.
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
        SqliteBulkWriter.WriteTrades((SqliteConnection)connection, trades, ct);
        return Task.CompletedTask;
    }

    internal override Task WriteBarsAsync(DbConnection connection, DbTransaction transaction, string assetId, string timeframe, BarSeries bars, CancellationToken ct)
    {
        SqliteBulkWriter.WriteBars((SqliteConnection)connection, assetId, timeframe, bars, ct);
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

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
