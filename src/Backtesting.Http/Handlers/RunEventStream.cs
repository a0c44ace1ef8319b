using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Handlers;

/// <summary>
/// Streams a run's events as text/event-stream until completion or disconnect: the current progress first, then every
/// backtest_progress message, ending with backtest_complete. A run executed in this process is followed on the event hub
/// alone (no store reads while it runs); a run executed elsewhere (another instance, a Durable worker) publishes nothing
/// here, so the store is polled every <see cref="PollInterval"/>.
/// </summary>
internal sealed class RunEventStream(RunEventHub hub, ILocalRuns? localRuns, BacktestService service, TimeProvider time, string userId, string runId) : IResult
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task ExecuteAsync(HttpContext http)
    {
        ServerSentEvents.Start(http);
        var ct = http.RequestAborted;
        using var subscription = hub.Subscribe(runId);
        // after subscribing, so nothing published in between is missed
        var run = await service.GetAsync(userId, runId, ct);
        if (run is null) return;
        await ServerSentEvents.WriteAsync(http, RunEvent.Progress, ProgressMessage.From(run), ct);
        if (RunStatus.IsTerminal(run.Status))
        {
            await ServerSentEvents.WriteAsync(http, RunEvent.Complete, hub.Last(runId) is { IsFinal: true } last ? last.Data : await CompletionAsync(run, ct), ct);
            return;
        }
        try
        {
            // checked after the read: a run that left this process since then has already published its events into the subscription
            if (localRuns?.IsActive(runId) == true && await PushAsync(http, subscription, localRuns.WhenIdleAsync(runId), ct)) return;
            await PollAsync(http, subscription, run.Progress, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes hub events until the final one (true) or until the run left this process without one (false: poll from here).</summary>
    private static async Task<bool> PushAsync(HttpContext http, RunEventHub.Subscription subscription, Task idle, CancellationToken ct)
    {
        while (true)
        {
            while (subscription.Events.TryRead(out var e))
            {
                await ServerSentEvents.WriteAsync(http, e.Type, e.Data, ct);
                if (e.IsFinal) return true;
            }
            if (idle.IsCompleted) return false;
            await Task.WhenAny(subscription.Events.WaitToReadAsync(ct).AsTask(), idle).WaitAsync(ct);
        }
    }

    private async Task PollAsync(HttpContext http, RunEventHub.Subscription subscription, double lastProgress, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var (e, ended) = await ServerSentEvents.NextOrIdleAsync(subscription, PollInterval, time, ct);
            if (ended) return;
            if (e is not null)
            {
                await ServerSentEvents.WriteAsync(http, e.Type, e.Data, ct);
                if (e.Type == RunEvent.Progress && e.Data is ProgressMessage p) lastProgress = p.Progress;
                if (e.IsFinal) return;
                continue;
            }
            var polled = await service.GetAsync(userId, runId, ct);
            if (polled is null) return;
            if (polled.Progress > lastProgress)
            {
                lastProgress = polled.Progress;
                await ServerSentEvents.WriteAsync(http, RunEvent.Progress, ProgressMessage.From(polled), ct);
            }
            if (RunStatus.IsTerminal(polled.Status))
            {
                await ServerSentEvents.WriteAsync(http, RunEvent.Complete, hub.Last(runId) is { IsFinal: true } last ? last.Data : await CompletionAsync(polled, ct), ct);
                return;
            }
        }
    }

    /// <summary>The backtest_complete data of a run that ended before this stream opened (same keys as the live message).</summary>
    private async Task<object> CompletionAsync(RunView run, CancellationToken ct)
    {
        var results = await service.GetResultsAsync(userId, run.BacktestId, 0, 100, BacktestService.DefaultMaxPoints, ct);
        var data = new System.Text.Json.Nodes.JsonObject { ["backtestId"] = run.BacktestId, ["status"] = run.Status };
        if (run.Error is not null) data["error"] = run.Error;
        data["metrics"] = results?.Metrics is { } metrics ? System.Text.Json.JsonSerializer.SerializeToNode(metrics, Application.Json.WorkflowJson.Options) : null;
        data["equity_curve"] = results?.EquityCurve?.DeepClone();
        return data;
    }
}
