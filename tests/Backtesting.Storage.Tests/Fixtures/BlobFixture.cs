using Backtesting.Application.Ports;

namespace Backtesting.Storage.Tests.Fixtures;

/// <summary>A blob store of one kind, empty at the start.</summary>
public abstract class BlobFixture : IAsyncLifetime
{
    private IBlobStore? _store;

    public IBlobStore Store => _store ?? throw new InvalidOperationException("fixture not initialized");

    public async Task InitializeAsync() => _store = await CreateAsync();

    public abstract Task DisposeAsync();

    protected abstract Task<IBlobStore> CreateAsync();
}
