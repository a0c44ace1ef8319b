using Backtesting.Application.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// Forwards events to the host's hub, but while <see cref="Hold"/> is set keeps session events back (as when the write ran on
/// another instance) until <see cref="Release"/>; run events always pass.
/// </summary>
public sealed class GatedSessionPublisher(RunEventHub hub) : IRunEventPublisher
{
    private readonly Queue<RunEvent> _held = new();
    private readonly Lock _gate = new();

    public bool Hold { get; set; } = true;

    public static Action<IServiceCollection> Install(Action<GatedSessionPublisher> capture) => services =>
    {
        services.AddSingleton(sp =>
        {
            var publisher = new GatedSessionPublisher(sp.GetRequiredService<RunEventHub>());
            capture(publisher);
            return publisher;
        });
        services.AddSingleton<IRunEventPublisher>(sp => sp.GetRequiredService<GatedSessionPublisher>());
    };

    public void Publish(RunEvent runEvent)
    {
        lock (_gate)
        {
            if (Hold && runEvent.Type.StartsWith("session_", StringComparison.Ordinal))
            {
                _held.Enqueue(runEvent);
                return;
            }
        }
        hub.Publish(runEvent);
    }

    /// <summary>Publishes the held events, in order, late.</summary>
    public int Release()
    {
        RunEvent[] held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }
        foreach (var e in held) hub.Publish(e);
        return held.Length;
    }
}
