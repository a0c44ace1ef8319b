using Backtesting.Application.Events;

namespace Backtesting.Http.Handlers;

/// <summary>The events of a run's stream (<see cref="RunEventStream"/>).</summary>
public sealed class BacktestStreamEvents : IServerSentEventCatalog
{
    public static IReadOnlyList<ServerSentEventType> Events { get; } =
        [new(RunEvent.Progress, typeof(ProgressMessage)), new(RunEvent.Complete, typeof(CompletionMessage))];
}
