namespace Backtesting.Mcp.Tests.Support;

/// <summary>One host shared by a test class, with a key for each of two users.</summary>
public sealed class McpHostFixture : IAsyncLifetime
{
    public McpHostFactory Factory { get; } = new();

    public string AliceKey { get; private set; } = "";

    public string BobKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        AliceKey = await Factory.CreateKeyAsync("alice");
        BobKey = await Factory.CreateKeyAsync("bob");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
