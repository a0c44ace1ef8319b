using System.Data.Common;
using System.Runtime.CompilerServices;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Storage.MarketData;
using Backtesting.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Backtesting.Storage.Sqlite;

/// <summary>
/// An SQLite file through Microsoft.Data.Sqlite: foreign keys on, write-ahead log, prepared
/// bulk writes (trades, bar imports) stepped through the C API by <see cref="SqliteBulkWriter"/> inside
/// the caller's transaction; bar range reads through <see cref="SqliteBarReader"/>. Writers of this process
/// take turns at <see cref="OpenForWriteAsync"/>; other processes wait in SQLite's busy handler.
/// </summary>
public sealed class SqliteDatabase : SqlDatabase
{
    // Native connections (pooled across opens) whose per-connection settings are applied.
    private readonly ConditionalWeakTable<object, object> _configured = [];
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly int _busyTimeoutMs;
    private readonly string _writeConnectionString;
    private int _walEnabled;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (builder.DefaultTimeout < 30)
            builder.DefaultTimeout = 30; // seconds a writer waits for another one's lock
        ConnectionString = builder.ToString();
        // The same settings spelt differently, so that writers get a pool of their own (Microsoft.Data.Sqlite pools per
        // connection string): writers take turns (_writer), so that pool holds one native connection, whose page cache
        // stays valid from one write to the next (only another connection's commit invalidates it), where a connection
        // taken from the shared pool re-reads the pages every commit since its last use changed (issue 17).
        _writeConnectionString = ConnectionString + ";Foreign Keys=True";
        _busyTimeoutMs = builder.DefaultTimeout * 1000;
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

    internal override ValueTask<DbConnection> OpenAsync(CancellationToken ct) => OpenAsync(ConnectionString, ct);

    private async ValueTask<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // WAL lets readers run beside the one writer; the mode is stored in the file, so set it once.
            if (Interlocked.Exchange(ref _walEnabled, 1) == 0)
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", ct);
            // Per native connection, which the pool keeps across opens: set once each. synchronous = NORMAL in WAL
            // mode: a commit is durable against a crash of the process (the log is written before commit returns),
            // only a power loss or OS crash can lose the last commits before a checkpoint, never corrupt the file.
            // busy_timeout: a writer of another process (CLI import, a worker) is waited for inside SQLite with short
            // sleeps, instead of Microsoft.Data.Sqlite's retry loop that sleeps 150 ms per attempt.
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                await ExecuteAsync(connection, $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {_busyTimeoutMs}", ct);
                _configured.AddOrUpdate(connection.Handle!, this);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal override async ValueTask<DbConnection> OpenForWriteAsync(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            var connection = await OpenAsync(_writeConnectionString, ct);
            int released = 0;
            connection.Disposed += (_, _) =>
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                    _writer.Release();
            };
            return connection;
        }
        catch
        {
            _writer.Release();
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
