using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Research;

/// <summary>Records and announces a fan-out job's progress (called by the workflow between waves, so it only grows).</summary>
public sealed class ReportProgressActivity(IRunStore runs, RunProgressReporter progress) : Activity<ResearchProgressInput, bool>
{
    public override async Task<bool> RunAsync(ResearchProgressInput input, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(input.RunId, ct).ConfigureAwait(false);
        if (run is null || run.Status == RunStatus.Cancelled) return false;
        double percent = Math.Round(100.0 * input.Done / Math.Max(1, input.Total), 2);
        await progress.ReportAsync(input.UserId, new RunProgress(input.RunId, percent, run.CurrentDate, input.Done), ct).ConfigureAwait(false);
        return true;
    }
}
