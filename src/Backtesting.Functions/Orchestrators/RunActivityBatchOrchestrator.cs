using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Backtesting.Functions.Orchestrators;

/// <summary>One batch of a large fan-out (see <see cref="DurableWorkflowContext.FanOutAsync{TResult}"/>): its activities in parallel, outputs in input order.</summary>
public sealed class RunActivityBatchOrchestrator(IOptions<DurableOptions> options)
{
    [Function(nameof(RunActivityBatchOrchestrator))]
    public async Task<string[]> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var batch = context.GetInput<ActivityBatchInput>() ?? throw new InvalidOperationException("an activity batch needs an ActivityBatchInput");
        var retry = DurableRetryPolicies.ForActivities(options.Value);
        return await Task.WhenAll(batch.Inputs.Select(input => context.CallActivityAsync<string>(batch.Activity, input, retry)));
    }
}
