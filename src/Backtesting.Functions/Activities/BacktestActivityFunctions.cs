using Backtesting.Application.Backtests;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Activities;

/// <summary>The backtest workflow's activities, one function each, named as the workflow calls them (nameof the Application activity).</summary>
public sealed class BacktestActivityFunctions(ActivityDispatcher dispatcher)
{
    [Function(nameof(PrepareBacktestActivity))]
    public Task<string> PrepareBacktestAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(PrepareBacktestActivity), input, context.CancellationToken);

    [Function(nameof(SimulateChunkActivity))]
    public Task<string> SimulateChunkAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(SimulateChunkActivity), input, context.CancellationToken);

    [Function(nameof(FinalizeBacktestActivity))]
    public Task<string> FinalizeBacktestAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(FinalizeBacktestActivity), input, context.CancellationToken);

    [Function(nameof(FailRunActivity))]
    public Task<string> FailRunAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(FailRunActivity), input, context.CancellationToken);
}
