namespace Backtesting.Local.Startup;

/// <summary>
/// The warm-up's throwaway host logs into the real host's logging under "StartupWarmup." + its category: the service's own
/// warnings and errors, the framework's errors only (its warnings are about the configuration both hosts share, e.g. a missing
/// wwwroot, which the real host has just logged itself). Start-up and per-run Information lines would be noise about data nobody keeps.
/// </summary>
internal sealed class WarmupLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public const string CategoryPrefix = "StartupWarmup.";

    public ILogger CreateLogger(string categoryName) => new Forwarder(target.CreateLogger(CategoryPrefix + categoryName),
        categoryName.StartsWith("Backtesting.", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Error);

    public void Dispose()
    {
    }

    private sealed class Forwarder(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
