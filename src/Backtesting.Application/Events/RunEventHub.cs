using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Backtesting.Application.Events;

/// <summary>
/// In-process publish/subscribe of run events. Subscribers get every later event of one run in
/// publication order through a channel; the last event of each run is remembered so a late
/// subscriber still sees completion.
/// </summary>
public sealed class RunEventHub : IRunEventPublisher
{
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _subscribers = new();
    private readonly ConcurrentDictionary<string, RunEvent> _last = new();

    private sealed record ImmutableSubscribers(Channel<RunEvent>[] Channels);

    public void Publish(RunEvent runEvent)
    {
        _last[runEvent.RunId] = runEvent;
        if (_subscribers.TryGetValue(runEvent.RunId, out var subs))
            foreach (var channel in subs.Channels)
            {
                channel.Writer.TryWrite(runEvent);
                if (runEvent.IsFinal) channel.Writer.TryComplete();
            }
    }

    /// <summary>The latest event published for a run, if any.</summary>
    public RunEvent? Last(string runId) => _last.TryGetValue(runId, out var e) ? e : null;

    /// <summary>Subscribes to a run's events until the final one or until disposed.</summary>
    public Subscription Subscribe(string runId)
    {
        var channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        _subscribers.AddOrUpdate(runId, _ => new ImmutableSubscribers([channel]), (_, s) => new ImmutableSubscribers([.. s.Channels, channel]));
        return new Subscription(this, runId, channel);
    }

    private void Unsubscribe(string runId, Channel<RunEvent> channel)
    {
        while (_subscribers.TryGetValue(runId, out var subs))
        {
            var rest = subs.Channels.Where(c => c != channel).ToArray();
            bool done = rest.Length == 0 ? _subscribers.TryRemove(new(runId, subs)) : _subscribers.TryUpdate(runId, new ImmutableSubscribers(rest), subs);
            if (done) break;
        }
        channel.Writer.TryComplete();
    }

    /// <summary>A live subscription; dispose to stop receiving.</summary>
    public sealed class Subscription(RunEventHub hub, string runId, Channel<RunEvent> channel) : IDisposable
    {
        public ChannelReader<RunEvent> Events => channel.Reader;

        public void Dispose() => hub.Unsubscribe(runId, channel);
    }
}
