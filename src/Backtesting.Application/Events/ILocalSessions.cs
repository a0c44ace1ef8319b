namespace Backtesting.Application.Events;

/// <summary>
/// The trading sessions whose writes (orders, advances, close) happen in this process, so each write publishes its events on
/// this hub. Registered by a self-contained host (every request is served here); the Functions app has none: a write may be
/// served by another instance, so its session streams poll the store.
/// </summary>
public interface ILocalSessions : ILocalEventSource;
