using Backtesting.Application.Backtests;
using Backtesting.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backtesting.Functions.Orchestrators;

/// <summary>Job kind backtest_strategy: runs <see cref="BacktestWorkflow"/> unchanged.</summary>
public sealed class RunBacktestOrchestrator(WorkflowOrchestration orchestration)
{
    [Function(nameof(RunBacktestOrchestrator))]
    public Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        orchestration.RunAsync(context, nameof(BacktestWorkflow));
}
