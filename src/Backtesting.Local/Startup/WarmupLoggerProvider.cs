namespace Backtesting.Local.Startup;

/// <summary>
/// The warm-up's throwaway host logs into the real host's logging, warnings and errors only, under
/// "StartupWarmup." + its category: its start-up and per-run Information lines would be noise about data nobody keeps.
/// </summary>
internal sealed class WarmupLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public const string CategoryPrefix = "StartupWarmup.";

    public ILogger CreateLogger(string categoryName) => new Forwarder(target.CreateLogger(CategoryPrefix + categoryName));

    public void Dispose()
    {
    }

    private sealed class Forwarder(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
