using Backtesting.Application.Schedules;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backtesting.Functions.Activities;

/// <summary>The scheduled optimization workflow's activities.</summary>
public sealed class ScheduleActivityFunctions(ActivityDispatcher dispatcher, DurableClientScope durable)
{
    /// <summary>
    /// Starts the slot's optimization through the ordinary use case, which starts an orchestration: like an
    /// HTTP submit, it binds the Durable client and makes it the workflow starter's for the call.
    /// </summary>
    [Function(nameof(LaunchScheduledOptimizationActivity))]
    public async Task<string> LaunchScheduledOptimizationAsync([ActivityTrigger] string input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        using (durable.Use(client))
            return await dispatcher.RunAsync(nameof(LaunchScheduledOptimizationActivity), input, cancellationToken).ConfigureAwait(false);
    }

    [Function(nameof(RecordScheduleSlotActivity))]
    public Task<string> RecordScheduleSlotAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(RecordScheduleSlotActivity), input, cancellationToken);
}
