using Backtesting.Application.Events;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>Records and announces a fan-out job's progress (called by the workflow between waves, so it only grows).</summary>
public sealed class ReportProgressActivity(IRunStore runs, IRunEventPublisher events) : Activity<ResearchProgressInput, bool>
{
    public override async Task<bool> RunAsync(ResearchProgressInput input, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(input.RunId, ct).ConfigureAwait(false);
        if (run is null || run.Status == RunStatus.Cancelled) return false;
        double progress = Math.Round(100.0 * input.Done / Math.Max(1, input.Total), 2);
        var report = new RunProgress(input.RunId, progress, run.CurrentDate, input.Done);
        await runs.UpdateProgressAsync(report, ct).ConfigureAwait(false);
        events.Publish(new RunEvent(RunEvent.Progress, input.RunId, input.UserId, ProgressMessage.From(report)));
        return true;
    }
}
