using Backtesting.Application.Runs;
using Backtesting.Storage.Sqlite;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;
using Dapper;

namespace Backtesting.Storage.Tests.Sqlite;

/// <summary>
/// This process's SQLite writers take turns at <see cref="SqliteDatabase.OpenForWriteAsync"/> (an asynchronous wait)
/// instead of meeting SQLITE_BUSY, which Microsoft.Data.Sqlite answers by sleeping the thread 150 ms per retry.
/// </summary>
public sealed class SqliteWriterGateTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private SqliteDatabase Database => (SqliteDatabase)fixture.Service;

    [Fact]
    public async Task OpenForWrite_SecondWriterWaitsUntilTheFirstConnectionIsDisposed()
    {
        var first = await Database.OpenForWriteAsync(CancellationToken.None);
        var second = Database.OpenForWriteAsync(CancellationToken.None).AsTask();

        Assert.False(second.IsCompleted); // the gate is held: no timing involved, the task cannot have completed
        await first.DisposeAsync();
        await using var secondConnection = await second; // released by the dispose: completes
        Assert.Equal(System.Data.ConnectionState.Open, secondConnection.State);
    }

    [Fact]
    public async Task OpenForWrite_ReadersDoNotWaitForAWriter()
    {
        await using var writer = await Database.OpenForWriteAsync(CancellationToken.None);
        await using var reader = await Database.OpenAsync(CancellationToken.None);

        Assert.Equal(1L, await reader.ExecuteScalarAsync<long>("SELECT 1"));
    }

    [Fact]
    public async Task OpenForWrite_CancelledWhileWaiting_LeavesTheGateUsable()
    {
        var first = await Database.OpenForWriteAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = Database.OpenForWriteAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await first.DisposeAsync();

        await using var next = await Database.OpenForWriteAsync(CancellationToken.None); // not taken by the cancelled waiter
        Assert.Equal(System.Data.ConnectionState.Open, next.State);
    }

    [Fact]
    public async Task ConcurrentRunWrites_AllLand_AndConnectionsGetBusyTimeout()
    {
        // 64 runs created and moved to running from parallel tasks: each write waits its turn, none fails or is lost.
        var (userId, symbol) = await fixture.SeedUserAndAssetAsync();
        var runs = Enumerable.Range(0, 64).Select(_ => TestRuns.Run(userId, symbol)).ToList();
        await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            await fixture.Runs.CreateAsync(run);
            Assert.True(await fixture.Runs.TryTransitionAsync(run.Id, [RunStatus.Pending], RunStatus.Running));
        })));
        foreach (var run in runs)
            Assert.Equal(RunStatus.Running, (await fixture.Runs.GetByIdAsync(run.Id))!.Status);

        await using var connection = await Database.OpenAsync(CancellationToken.None);
        Assert.Equal(30_000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")); // DefaultTimeout (30 s) in ms
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous")); // NORMAL
    }
}
