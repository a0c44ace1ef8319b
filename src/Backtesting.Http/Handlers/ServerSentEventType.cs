namespace Backtesting.Http.Handlers;

/// <summary>One kind of event a live stream sends: its <c>event:</c> name and the type of its message's data.</summary>
public sealed record ServerSentEventType(string Name, Type DataType);
