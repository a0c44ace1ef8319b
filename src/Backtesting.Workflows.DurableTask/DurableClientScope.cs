using Microsoft.DurableTask.Client;

namespace Backtesting.Workflows.DurableTask;

/// <summary>
/// The Durable client of the current function invocation. The isolated worker hands the client out
/// only as a [DurableClient] binding, while the Application's use cases reach the starter through DI;
/// a function that may start or cancel jobs binds the client and opens a scope around its work. A host that is a
/// plain client of the task hub (the local host with <c>Workflows:Engine=DurableTask</c>) gives a
/// <paramref name="fallback"/> client used outside any such scope.
/// </summary>
public sealed class DurableClientScope(Func<DurableTaskClient>? fallback = null)
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    /// <summary>Makes <paramref name="client"/> the current client until the returned scope is disposed.</summary>
    public IDisposable Use(DurableTaskClient client)
    {
        var previous = Current.Value;
        Current.Value = client;
        return new Restore(previous);
    }

    public DurableTaskClient Client => Current.Value ?? fallback?.Invoke()
        ?? throw new InvalidOperationException("no Durable client in this invocation: the function must bind [DurableClient] and call DurableClientScope.Use");

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
