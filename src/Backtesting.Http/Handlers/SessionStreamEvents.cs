using Backtesting.Application.Events;
using Backtesting.Application.Sessions;

namespace Backtesting.Http.Handlers;

/// <summary>The events of a trading session's stream (<see cref="SessionEventStream"/>).</summary>
public sealed class SessionStreamEvents : IServerSentEventCatalog
{
    public static IReadOnlyList<ServerSentEventType> Events { get; } =
    [
        new(RunEvent.SessionBar, typeof(SessionBarMessage)),
        new(RunEvent.SessionFill, typeof(SessionFillMessage)),
        new(RunEvent.SessionClosed, typeof(SessionClosedMessage)),
    ];
}
