namespace Backtesting.Local.Tests.Support;

/// <summary>One PostgreSQL + Azurite host shared by a test class.</summary>
public sealed class PostgresHostFixture : IDisposable
{
    public LocalHostFactory Factory { get; } = new(StorageBackend.PostgresAzurite, LocalHostFactory.GenerousLimits);

    public void Dispose() => Factory.Dispose();
}
