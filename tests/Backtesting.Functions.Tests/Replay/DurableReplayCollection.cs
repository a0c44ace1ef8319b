namespace Backtesting.Functions.Tests.Replay;

/// <summary>One Durable test host for every replay test; they run one after another (fault hooks are shared).</summary>
[CollectionDefinition(Name)]
public sealed class DurableReplayCollection : ICollectionFixture<DurableReplayFixture>
{
    public const string Name = "Durable replay";
}
