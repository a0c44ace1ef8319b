using Backtesting.Application.Backtests;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Activities;

/// <summary>The backtest workflow's activities, one function each, named as the workflow calls them (nameof the Application activity).</summary>
public sealed class BacktestActivityFunctions(ActivityDispatcher dispatcher)
{
    [Function(nameof(PrepareBacktestActivity))]
    public Task<string> PrepareBacktestAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(PrepareBacktestActivity), input, cancellationToken);

    [Function(nameof(SimulateChunkActivity))]
    public Task<string> SimulateChunkAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(SimulateChunkActivity), input, cancellationToken);

    [Function(nameof(FinalizeBacktestActivity))]
    public Task<string> FinalizeBacktestAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(FinalizeBacktestActivity), input, cancellationToken);

    [Function(nameof(FailRunActivity))]
    public Task<string> FailRunAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(FailRunActivity), input, cancellationToken);
}
