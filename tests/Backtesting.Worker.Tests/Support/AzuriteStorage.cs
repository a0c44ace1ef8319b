namespace Backtesting.Worker.Tests.Support;

/// <summary>The Azurite that tests/run.sh starts (blob, queue and table endpoints); missing or partial fails with how to start it.</summary>
public static class AzuriteStorage
{
    public const string Variable = "BACKTESTING_TEST_AZURITE";

    public static string ConnectionString()
    {
        string? connection = Environment.GetEnvironmentVariable(Variable);
        const string how = "run `bash tests/run.sh` (it starts Azurite), or start `npx azurite --silent --location DIR --skipApiVersionCheck` and set " +
            Variable + " to its connection string with BlobEndpoint, QueueEndpoint and TableEndpoint";
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException($"Azurite is not configured: {how}.");
        if (!connection.Contains("QueueEndpoint=", StringComparison.OrdinalIgnoreCase) || !connection.Contains("TableEndpoint=", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{Variable} names no queue or table endpoint (the Durable task hub needs both): {how}.");
        return connection;
    }

    /// <summary>A task hub of its own per test (letters and digits, at most 45).</summary>
    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..20];
}
