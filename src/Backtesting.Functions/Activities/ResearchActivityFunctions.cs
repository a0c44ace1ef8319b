using Backtesting.Application.Research;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Activities;

/// <summary>The research workflows' activities (optimization, walk-forward, Monte Carlo, comparison, portfolio), named as the workflows call them.</summary>
public sealed class ResearchActivityFunctions(ActivityDispatcher dispatcher)
{
    [Function(nameof(PrepareOptimizationActivity))]
    public Task<string> PrepareOptimizationAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(PrepareOptimizationActivity), input, context.CancellationToken);

    [Function(nameof(EvaluateCellsActivity))]
    public Task<string> EvaluateCellsAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(EvaluateCellsActivity), input, context.CancellationToken);

    [Function(nameof(FinalizeOptimizationActivity))]
    public Task<string> FinalizeOptimizationAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(FinalizeOptimizationActivity), input, context.CancellationToken);

    [Function(nameof(ReportProgressActivity))]
    public Task<string> ReportProgressAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(ReportProgressActivity), input, context.CancellationToken);

    [Function(nameof(PrepareWalkForwardActivity))]
    public Task<string> PrepareWalkForwardAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(PrepareWalkForwardActivity), input, context.CancellationToken);

    [Function(nameof(EvaluateWindowsActivity))]
    public Task<string> EvaluateWindowsAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(EvaluateWindowsActivity), input, context.CancellationToken);

    [Function(nameof(FinalizeWalkForwardActivity))]
    public Task<string> FinalizeWalkForwardAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(FinalizeWalkForwardActivity), input, context.CancellationToken);

    [Function(nameof(PrepareMonteCarloActivity))]
    public Task<string> PrepareMonteCarloAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(PrepareMonteCarloActivity), input, context.CancellationToken);

    [Function(nameof(SimulatePathsActivity))]
    public Task<string> SimulatePathsAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(SimulatePathsActivity), input, context.CancellationToken);

    [Function(nameof(FinalizeMonteCarloActivity))]
    public Task<string> FinalizeMonteCarloAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(FinalizeMonteCarloActivity), input, context.CancellationToken);

    [Function(nameof(PrepareComparisonActivity))]
    public Task<string> PrepareComparisonAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(PrepareComparisonActivity), input, context.CancellationToken);

    [Function(nameof(EvaluateCandidatesActivity))]
    public Task<string> EvaluateCandidatesAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(EvaluateCandidatesActivity), input, context.CancellationToken);

    [Function(nameof(FinalizeComparisonActivity))]
    public Task<string> FinalizeComparisonAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(FinalizeComparisonActivity), input, context.CancellationToken);

    [Function(nameof(RunPortfolioActivity))]
    public Task<string> RunPortfolioAsync([ActivityTrigger] string input, FunctionContext context) =>
        dispatcher.RunAsync(nameof(RunPortfolioActivity), input, context.CancellationToken);
}
