using System.Data.Common;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Storage.Sql;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Backtesting.Storage.Postgres;

/// <summary>PostgreSQL through Npgsql: JSONB casts, array parameters and binary COPY for bulk writes.</summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : SqlDatabase
{
    public override string ProviderName => "postgres";

    public NpgsqlDataSource DataSource { get; } = dataSource;

    internal override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await DataSource.OpenConnectionAsync(ct);

    internal override string Json(string parameter) => parameter + "::jsonb";

    // Dapper sends a collection to Npgsql as one array parameter.
    internal override string In(string column, string parameter) => $"{column} = ANY({parameter})";

    /// <summary>First key of the per-user advisory locks around run submissions (the second is the user id's hash).</summary>
    private const int SubmissionLockSpace = 0x6274; // "bt"

    internal override string? LockUserRunsSql => $"SELECT pg_advisory_xact_lock({SubmissionLockSpace}, hashtext(@UserId))";

    /// <summary>Trade lists at least this long skip the per-row foreign key trigger where the role may.</summary>
    internal const int RowCheckFreeMinimum = 1_000;

    private volatile bool _rowChecksRequired;

    /// <summary>
    /// Whether this role was found unable to set <c>session_replication_role</c>, so bulk trade writes keep
    /// PostgreSQL's per-row foreign key checks.
    /// </summary>
    internal bool RowChecksRequired => _rowChecksRequired;

    internal override async Task WriteTradesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<TradeRecord> trades, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        // The foreign key to backtest_runs costs ~5 us a row in PostgreSQL's trigger, as much as the COPY
        // itself. The caller has proven and locked the one parent row in this transaction, so, where the
        // role may (superuser or GRANT SET ON PARAMETER session_replication_role), large lists skip the
        // row triggers for the COPY only, as pg_restore --disable-triggers does. The FK stays declared and
        // guards every other write.
        bool rowChecksSkipped = trades.Count >= RowCheckFreeMinimum && await TrySkipRowTriggersAsync(npgsql, transaction, ct);
        await CopyTradesAsync(npgsql, trades, ct);
        if (rowChecksSkipped)
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL session_replication_role = origin", transaction: transaction, cancellationToken: ct));
    }

    private static async Task CopyTradesAsync(NpgsqlConnection npgsql, IReadOnlyList<TradeRecord> trades, CancellationToken ct)
    {
        await using var writer = await npgsql.BeginBinaryImportAsync(
            "COPY backtest_trades (id, backtest_run_id, sequence, entry_date, exit_date, direction, entry_price, exit_price, " +
            "quantity, pnl, pnl_percent, status, fees, exit_reason) FROM STDIN (FORMAT BINARY)", ct);
        // Synchronous writes into the importer's buffer: an await per field costs more than the I/O.
        foreach (var t in trades)
        {
            writer.StartRow();
            writer.Write(t.Id, NpgsqlDbType.Text);
            writer.Write(t.RunId, NpgsqlDbType.Text);
            writer.Write(t.Sequence, NpgsqlDbType.Integer);
            writer.Write(DbTime.ToDb(t.EntryDate), NpgsqlDbType.Timestamp);
            WriteNullable(writer, DbTime.ToDb(t.ExitDate), NpgsqlDbType.Timestamp);
            writer.Write(t.Direction, NpgsqlDbType.Text);
            writer.Write(t.EntryPrice, NpgsqlDbType.Numeric);
            WriteNullable(writer, t.ExitPrice, NpgsqlDbType.Numeric);
            writer.Write(t.Quantity, NpgsqlDbType.Numeric);
            WriteNullable(writer, t.Pnl, NpgsqlDbType.Numeric);
            WriteNullable(writer, t.PnlPercent, NpgsqlDbType.Numeric);
            writer.Write(t.Status, NpgsqlDbType.Text);
            writer.Write(t.Fees, NpgsqlDbType.Numeric);
            if (t.ExitReason is null) writer.WriteNull();
            else writer.Write(t.ExitReason, NpgsqlDbType.Text);
        }
        await writer.CompleteAsync(ct);
    }

    private async Task<bool> TrySkipRowTriggersAsync(NpgsqlConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        if (_rowChecksRequired)
            return false;
        // In a savepoint, so that a refusal leaves the completion's transaction usable.
        await transaction.SaveAsync("skip_row_triggers", ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL session_replication_role = replica", transaction: transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await transaction.RollbackAsync("skip_row_triggers", ct);
            _rowChecksRequired = true;
            return false;
        }
        await transaction.ReleaseAsync("skip_row_triggers", ct);
        return true;
    }

    internal override async Task WriteBarsAsync(DbConnection connection, DbTransaction transaction, string assetId, string timeframe, BarSeries bars, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        var key = new { AssetId = assetId, Timeframe = timeframe, First = BarTime(bars.TimeAt(0)), Last = BarTime(bars.TimeAt(bars.Count - 1)) };
        // Imports of one series queue behind each other, so the overlap check below stays true until commit.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@AssetId || '/' || @Timeframe))", key, transaction, cancellationToken: ct));
        bool overlaps = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM market_data WHERE asset_id = @AssetId AND timeframe = @Timeframe AND bar_time BETWEEN @First AND @Last)",
            key, transaction, cancellationToken: ct));
        if (!overlaps)
        {
            // New range: COPY straight into the table, the fast path.
            await CopyBarsAsync(npgsql, "market_data (asset_id, timeframe, bar_time, open, high, low, close, volume)", assetId, timeframe, bars, ct);
            return;
        }
        // Overlapping range: COPY into a staging table, then upsert, so existing bars are updated, never duplicated.
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE market_data_import (bar_time TIMESTAMP NOT NULL, open DOUBLE PRECISION NOT NULL, high DOUBLE PRECISION NOT NULL, " +
            "low DOUBLE PRECISION NOT NULL, close DOUBLE PRECISION NOT NULL, volume DOUBLE PRECISION NOT NULL) ON COMMIT DROP",
            transaction: transaction, cancellationToken: ct));
        await CopyBarsAsync(npgsql, "market_data_import (bar_time, open, high, low, close, volume)", null, null, bars, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO market_data (asset_id, timeframe, bar_time, open, high, low, close, volume) " +
            "SELECT @AssetId, @Timeframe, bar_time, open, high, low, close, volume FROM market_data_import " +
            "ON CONFLICT (asset_id, timeframe, bar_time) DO UPDATE SET open = excluded.open, high = excluded.high, " +
            "low = excluded.low, close = excluded.close, volume = excluded.volume",
            key, transaction, commandTimeout: 0, cancellationToken: ct));
    }

    internal override object BarTime(DateTime utc) => DbTime.ToDb(utc);

    internal override long ReadBarTicks(DbDataReader reader, int ordinal) => reader.GetDateTime(ordinal).Ticks;

    internal override DateTime? BarTimeFromValue(object? value) => value is DateTime time ? DbTime.FromDb(time) : null;

    private static async Task CopyBarsAsync(NpgsqlConnection connection, string target, string? assetId, string? timeframe, BarSeries bars, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        writer.Timeout = TimeSpan.Zero; // no limit: an import of many millions of bars may take minutes; cancellation still applies
        long[] time = bars.Timestamps;
        double[] open = bars.Open, high = bars.High, low = bars.Low, close = bars.Close, volume = bars.Volume;
        // Synchronous writes, as for trades.
        for (int i = 0; i < time.Length; i++)
        {
            writer.StartRow();
            if (assetId is not null)
            {
                writer.Write(assetId, NpgsqlDbType.Text);
                writer.Write(timeframe!, NpgsqlDbType.Text);
            }
            writer.Write(new DateTime(time[i], DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
            writer.Write(open[i], NpgsqlDbType.Double);
            writer.Write(high[i], NpgsqlDbType.Double);
            writer.Write(low[i], NpgsqlDbType.Double);
            writer.Write(close[i], NpgsqlDbType.Double);
            writer.Write(volume[i], NpgsqlDbType.Double);
        }
        await writer.CompleteAsync(ct);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) writer.Write(v, type);
        else writer.WriteNull();
    }
}
