namespace Backtesting.Local.Tests.Support;

/// <summary>One SQLite-backed host shared by a test class.</summary>
public sealed class SqliteHostFixture : IDisposable
{
    public LocalHostFactory Factory { get; } = new(StorageBackend.Sqlite, LocalHostFactory.GenerousLimits);

    public void Dispose() => Factory.Dispose();
}
