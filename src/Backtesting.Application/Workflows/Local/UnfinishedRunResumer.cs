using Backtesting.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Workflows.Local;

/// <summary>On start-up, restarts every pending or running run's workflow; journaled activities replay.</summary>
public sealed class UnfinishedRunResumer(IRunStore runs, IWorkflowStarter starter, WorkflowRoutes routes, ILogger<UnfinishedRunResumer> logger)
{
    public async Task<int> ResumeAsync(CancellationToken ct = default)
    {
        int resumed = 0;
        foreach (var run in await runs.ListUnfinishedAsync(ct).ConfigureAwait(false))
        {
            if (run.Request is null || !routes.TryGetStart(run, out var workflow, out var input))
            {
                logger.LogWarning("Run {RunId} of kind {Kind} cannot be resumed (no stored request)", run.Id, run.Kind);
                continue;
            }
            await starter.StartAsync(workflow, run.Id, input, ct).ConfigureAwait(false);
            resumed++;
        }
        if (resumed > 0) logger.LogInformation("Resumed {Count} unfinished runs", resumed);
        return resumed;
    }
}
