using Backtesting.Storage.Sqlite;
using Backtesting.Storage.Tests.Fixtures;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Backtesting.Storage.Tests.Sqlite;

/// <summary>
/// Writers take turns, so they share one native connection of their own (issue 17): its page cache stays valid from one
/// write to the next, where a connection taken from the readers' pool has to read again what other commits changed.
/// </summary>
public sealed class SqliteWriterConnectionTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const int CacheMiss = 8; // SQLITE_DBSTATUS_CACHE_MISS: pages this connection had to read from the file

    private SqliteDatabase Database => (SqliteDatabase)fixture.Service;

    [Fact]
    public async Task Writers_ReuseOneNativeConnection_WhileReadersComeAndGo()
    {
        // a reader open during each write: from a shared pool, the second writer would get another native connection
        // (the first writer's went back to the pool and the second reader took it)
        await using var reader1 = await Database.OpenAsync(CancellationToken.None);
        var first = await HandleOfWriterAsync();
        await using var reader2 = await Database.OpenAsync(CancellationToken.None);
        var second = await HandleOfWriterAsync();

        Assert.Same(first, second);
        Assert.NotSame(first, ((SqliteConnection)reader2).Handle);
    }

    [Fact]
    public async Task AWrite_AfterReadsAndAnotherWrite_ReadsNoPageFromTheFile()
    {
        var run = await fixture.CreateRunAsync();
        await UpdateRunAsync(run.Id, resetMisses: true); // the pages of the run's row are in the writer's cache now
        // a reader (a poll) open meanwhile, holding the connection the last write returned if writers shared its pool
        await using var reader = await Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1L, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM backtest_runs WHERE id = @Id", new { run.Id }));

        // the same row written again: nothing changed the file since the writer's last commit, so every page is cached
        Assert.Equal(0, await UpdateRunAsync(run.Id, resetMisses: false));
    }

    private async Task<sqlite3> HandleOfWriterAsync()
    {
        await using var writer = await Database.OpenForWriteAsync(CancellationToken.None);
        return ((SqliteConnection)writer).Handle!;
    }

    // updates the run's row in a transaction; returns the writer's cache misses counted during the update
    private async Task<int> UpdateRunAsync(string runId, bool resetMisses)
    {
        await using var writer = await Database.OpenForWriteAsync(CancellationToken.None);
        var handle = ((SqliteConnection)writer).Handle!;
        raw.sqlite3_db_status(handle, CacheMiss, out _, out _, 1); // reset the counter
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await writer.ExecuteAsync("UPDATE backtest_runs SET updated_at = updated_at WHERE id = @Id", new { Id = runId }, transaction);
            await transaction.CommitAsync();
        }
        raw.sqlite3_db_status(handle, CacheMiss, out int misses, out _, resetMisses ? 1 : 0);
        return misses;
    }
}
