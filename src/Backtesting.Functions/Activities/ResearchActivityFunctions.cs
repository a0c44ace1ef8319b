using Backtesting.Application.Research;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Activities;

/// <summary>The research workflows' activities (optimization, walk-forward, Monte Carlo, comparison, portfolio), named as the workflows call them.</summary>
public sealed class ResearchActivityFunctions(ActivityDispatcher dispatcher)
{
    [Function(nameof(PrepareOptimizationActivity))]
    public Task<string> PrepareOptimizationAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(PrepareOptimizationActivity), input, cancellationToken);

    [Function(nameof(EvaluateCellsActivity))]
    public Task<string> EvaluateCellsAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(EvaluateCellsActivity), input, cancellationToken);

    [Function(nameof(FinalizeOptimizationActivity))]
    public Task<string> FinalizeOptimizationAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(FinalizeOptimizationActivity), input, cancellationToken);

    [Function(nameof(ReportProgressActivity))]
    public Task<string> ReportProgressAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(ReportProgressActivity), input, cancellationToken);

    [Function(nameof(PrepareWalkForwardActivity))]
    public Task<string> PrepareWalkForwardAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(PrepareWalkForwardActivity), input, cancellationToken);

    [Function(nameof(EvaluateWindowsActivity))]
    public Task<string> EvaluateWindowsAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(EvaluateWindowsActivity), input, cancellationToken);

    [Function(nameof(FinalizeWalkForwardActivity))]
    public Task<string> FinalizeWalkForwardAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(FinalizeWalkForwardActivity), input, cancellationToken);

    [Function(nameof(PrepareMonteCarloActivity))]
    public Task<string> PrepareMonteCarloAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(PrepareMonteCarloActivity), input, cancellationToken);

    [Function(nameof(SimulatePathsActivity))]
    public Task<string> SimulatePathsAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(SimulatePathsActivity), input, cancellationToken);

    [Function(nameof(FinalizeMonteCarloActivity))]
    public Task<string> FinalizeMonteCarloAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(FinalizeMonteCarloActivity), input, cancellationToken);

    [Function(nameof(PrepareComparisonActivity))]
    public Task<string> PrepareComparisonAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(PrepareComparisonActivity), input, cancellationToken);

    [Function(nameof(EvaluateCandidatesActivity))]
    public Task<string> EvaluateCandidatesAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(EvaluateCandidatesActivity), input, cancellationToken);

    [Function(nameof(FinalizeComparisonActivity))]
    public Task<string> FinalizeComparisonAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(FinalizeComparisonActivity), input, cancellationToken);

    [Function(nameof(RunPortfolioActivity))]
    public Task<string> RunPortfolioAsync([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(nameof(RunPortfolioActivity), input, cancellationToken);
}
