using Backtesting.Application.Runs;
using Backtesting.Storage.Sqlite;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Backtesting.Storage.Tests.Sqlite;

/// <summary>
/// Trades go through the C API, not Microsoft.Data.Sqlite's parameters; the stored text must be what
/// Microsoft.Data.Sqlite itself would store, and SQLite's refusals must surface as SqliteException.
/// </summary>
public sealed class SqliteBulkWriterTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string StoredColumns =
        "id, backtest_run_id, sequence, entry_date, exit_date, direction, entry_price, exit_price, quantity, pnl, pnl_percent, status, fees, exit_reason";

    [Fact]
    public async Task CompleteAsync_StoresTheSameTextAsMicrosoftDataSqliteParameters()
    {
        var run = await fixture.CreateRunAsync(RunStatus.Running);
        var open = TestRuns.Trades(run.Id, 1)[0]; // the last trade of a list is open: null exit fields
        var closed = open with
        {
            Id = run.Id + "-closed",
            Sequence = 1,
            EntryDate = new DateTime(2024, 2, 29, 23, 59, 59, 123, DateTimeKind.Utc).AddTicks(4567),
            ExitDate = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            EntryPrice = 179.13m,
            ExitPrice = 182.0000m,
            Quantity = 55m,
            Pnl = -0.0000001234567890123456789m,
            PnlPercent = 12345678901234567.89m,
            Status = "closed",
            Fees = 0m,
            ExitReason = "stop_loss: ünïcødé",
        };
        var completion = TestRuns.Completion(run.Id, 0) with { Trades = [open, closed] };

        await fixture.Runs.CompleteAsync(completion);

        await using var connection = new SqliteConnection(((SqliteDatabase)fixture.Service).ConnectionString);
        await connection.OpenAsync();
        foreach (var trade in completion.Trades)
        {
            // The reference row: the same values bound as Microsoft.Data.Sqlite parameters, in a scratch table.
            await connection.ExecuteAsync("CREATE TEMP TABLE IF NOT EXISTS reference_trades AS SELECT * FROM backtest_trades WHERE 0");
            await connection.ExecuteAsync("DELETE FROM reference_trades");
            await connection.ExecuteAsync(
                $"INSERT INTO reference_trades ({StoredColumns}) VALUES (@Id, @RunId, @Sequence, @EntryDate, @ExitDate, @Direction, " +
                "@EntryPrice, @ExitPrice, @Quantity, @Pnl, @PnlPercent, @Status, @Fees, @ExitReason)",
                trade with { EntryDate = DateTime.SpecifyKind(trade.EntryDate, DateTimeKind.Unspecified), ExitDate = trade.ExitDate is { } x ? DateTime.SpecifyKind(x, DateTimeKind.Unspecified) : null });

            var expected = await StoredAsync(connection, "reference_trades", trade.Id);
            var actual = await StoredAsync(connection, "backtest_trades", trade.Id);

            Assert.Equal(expected, actual);
        }
        Assert.Equal(completion.Trades, (await fixture.Runs.GetTradesAsync(run.Id, 0, 10)).Items);
    }

    [Fact]
    public async Task CompleteAsync_ForeignKeyOrCheckRefusedMidway_ThrowsSqliteException_AndWritesNothing()
    {
        var run = await fixture.CreateRunAsync(RunStatus.Running);
        var completion = TestRuns.Completion(run.Id, 3_000);
        var trades = completion.Trades.ToList();
        trades[1_500] = trades[1_500] with { Status = "half-open" };

        var error = await Assert.ThrowsAsync<SqliteException>(() => fixture.Runs.CompleteAsync(completion with { Trades = trades }));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("CHECK constraint failed", error.Message);
        Assert.Equal(0, (await fixture.Runs.GetTradesAsync(run.Id, 0, 1)).Total);
        Assert.Equal(RunStatus.Running, (await fixture.Runs.GetByIdAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task CompleteAsync_Cancelled_ThrowsAndWritesNothing()
    {
        var run = await fixture.CreateRunAsync(RunStatus.Running);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Runs.CompleteAsync(TestRuns.Completion(run.Id, 10), cancelled.Token));

        Assert.Equal(0, (await fixture.Runs.GetTradesAsync(run.Id, 0, 1)).Total);
        Assert.Equal(RunStatus.Running, (await fixture.Runs.GetByIdAsync(run.Id))!.Status);
    }

    [Fact]
    public void TryFormatDecimal_MatchesMicrosoftDataSqlitesCustomFormat()
    {
        var random = new Random(20261126);
        var values = new List<decimal>
        {
            0m, 0.00m, -0m, decimal.Negate(0.000m), 1m, -1m, 10m, 100.0m, 1.2500m, 0.0000000000000000000000000001m,
            -0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue, 79228162514264337593543950.335m, 123456789.123456789m,
        };
        for (int i = 0; i < 20_000; i++)
        {
            // Random 96-bit mantissas at every scale and sign.
            values.Add(new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 1, (byte)random.Next(29)));
            values.Add(new decimal(random.Next(1_000_000), 0, 0, random.Next(2) == 1, (byte)random.Next(29)));
        }
        Span<byte> buffer = stackalloc byte[128];

        foreach (decimal value in values)
        {
            Assert.True(SqliteBulkWriter.TryFormatDecimal(value, buffer, out int length));
            Assert.Equal(value.ToString("0.0###########################", System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetString(buffer[..length]));
        }
    }

    private static async Task<string> StoredAsync(SqliteConnection connection, string table, string id)
    {
        var row = (IDictionary<string, object?>)await connection.QuerySingleAsync(
            $"SELECT {string.Join(", ", StoredColumns.Split(", ").Select(c => $"typeof({c}) || ':' || coalesce({c}, 'NULL') AS {c}"))} FROM {table} WHERE id = @Id",
            new { Id = id });
        return string.Join(" | ", row.Select(kv => $"{kv.Key}={kv.Value}"));
    }
}
