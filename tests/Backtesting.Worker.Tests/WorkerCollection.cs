namespace Backtesting.Worker.Tests;

/// <summary>Worker processes are heavy on a small machine: these tests run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerCollection
{
    public const string Name = "Worker processes";
}
