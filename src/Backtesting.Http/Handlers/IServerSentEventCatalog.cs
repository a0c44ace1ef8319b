namespace Backtesting.Http.Handlers;

/// <summary>The events one kind of live stream sends, for its description in the API document.</summary>
public interface IServerSentEventCatalog
{
    static abstract IReadOnlyList<ServerSentEventType> Events { get; }
}
