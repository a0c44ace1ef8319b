namespace Backtesting.Http.Handlers;

/// <summary>Endpoint metadata of a Server-Sent Events route: the events it sends (the OpenAPI document describes each).</summary>
public sealed record ServerSentEventsMetadata(IReadOnlyList<ServerSentEventType> Events);
