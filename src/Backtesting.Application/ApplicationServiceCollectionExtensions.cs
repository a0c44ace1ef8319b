using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Limits;
using Backtesting.Application.MarketData;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Strategies;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Users;
using Backtesting.Application.Workflows;
using Backtesting.Application.Workflows.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backtesting.Application;

/// <summary>Registers the use cases, workflows and activities; hosts add storage and a workflow starter.</summary>
public static class ApplicationServiceCollectionExtensions
{
    public static IServiceCollection AddBacktestingApplication(this IServiceCollection services, Action<BacktestingLimits>? configureLimits = null)
    {
        services.AddOptions<BacktestingLimits>();
        if (configureLimits is not null) services.Configure(configureLimits);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BacktestingMetrics>();
        services.TryAddSingleton<RunEventHub>();
        services.TryAddSingleton<IRunEventPublisher>(sp => sp.GetRequiredService<RunEventHub>());
        services.TryAddSingleton<UserRateLimiter>();
        services.TryAddSingleton<BarLoader>();
        services.TryAddSingleton<BacktestInputsCache>();
        services.TryAddSingleton<BacktestService>();
        services.TryAddSingleton<RunWaiter>();
        services.TryAddSingleton<StrategyResolver>();
        services.TryAddSingleton<StrategyService>();
        services.TryAddSingleton<MarketDataService>();
        services.AddOptions<ApiKeyCacheOptions>();
        services.TryAddSingleton<ApiKeyCache>();
        services.TryAddSingleton<ApiKeyService>();
        services.TryAddSingleton<Sessions.SessionEvents>();
        services.TryAddSingleton<Sessions.TradingSessionService>();

        services.AddSingleton<IWorkflow, BacktestWorkflow>();
        services.AddSingleton<IActivity, PrepareBacktestActivity>();
        services.AddSingleton<IActivity, SimulateChunkActivity>();
        services.AddSingleton<IActivity, FinalizeBacktestActivity>();
        services.AddSingleton<IActivity, FailRunActivity>();

        services.TryAddSingleton<ResearchRunFactory>();
        services.TryAddSingleton<ResearchResults>();
        services.TryAddSingleton<ResearchJobs>();
        services.TryAddSingleton<RunProgressReporter>();
        services.TryAddSingleton<ResearchService>();
        services.AddSingleton<IWorkflow, ResearchWaveWorkflow>();
        services.AddSingleton<IActivity, ReportProgressActivity>();
        services.AddSingleton<IWorkflow, OptimizationWorkflow>();
        services.AddSingleton<IActivity, PrepareOptimizationActivity>();
        services.AddSingleton<IActivity, EvaluateCellsActivity>();
        services.AddSingleton<IActivity, FinalizeOptimizationActivity>();
        services.AddSingleton<IWorkflow, WalkForwardWorkflow>();
        services.AddSingleton<IActivity, PrepareWalkForwardActivity>();
        services.AddSingleton<IActivity, EvaluateWindowsActivity>();
        services.AddSingleton<IActivity, FinalizeWalkForwardActivity>();
        services.AddSingleton<IWorkflow, MonteCarloWorkflow>();
        services.AddSingleton<IActivity, PrepareMonteCarloActivity>();
        services.AddSingleton<IActivity, SimulatePathsActivity>();
        services.AddSingleton<IActivity, FinalizeMonteCarloActivity>();
        services.AddSingleton<IWorkflow, ComparisonWorkflow>();
        services.AddSingleton<IActivity, PrepareComparisonActivity>();
        services.AddSingleton<IActivity, EvaluateCandidatesActivity>();
        services.AddSingleton<IActivity, FinalizeComparisonActivity>();
        services.AddSingleton<IWorkflow, PortfolioWorkflow>();
        services.AddSingleton<IActivity, RunPortfolioActivity>();

        services.TryAddSingleton<Schedules.IScheduledOptimizationLauncher, Schedules.ResearchOptimizationLauncher>();
        services.TryAddSingleton<WorkflowCatalog>();
        services.TryAddSingleton(_ => new WorkflowRoutes()
            .Map<BacktestJob>(RunKind.Backtest, nameof(BacktestWorkflow))
            .Map<OptimizationJob>(RunKind.Optimization, nameof(OptimizationWorkflow))
            .Map<WalkForwardJob>(RunKind.WalkForward, nameof(WalkForwardWorkflow))
            .Map<MonteCarloJob>(RunKind.MonteCarlo, nameof(MonteCarloWorkflow))
            .Map<PortfolioJob>(RunKind.Portfolio, nameof(PortfolioWorkflow))
            .Map<ComparisonJob>(RunKind.Comparison, nameof(ComparisonWorkflow)));
        return services;
    }

    /// <summary>The in-process runner as the workflow starter (local host, CLI, tests).</summary>
    public static IServiceCollection AddInProcessWorkflowRunner(this IServiceCollection services)
    {
        // every activity of a run executes in this process: a one-chunk run needs no chunk blobs
        services.Configure<ChunkHandOverOptions>(o => o.InProcess = true);
        services.TryAddSingleton<InProcessWorkflowRunner>();
        services.TryAddSingleton<IWorkflowStarter>(sp => sp.GetRequiredService<InProcessWorkflowRunner>());
        services.TryAddSingleton<ILocalRuns>(sp => sp.GetRequiredService<InProcessWorkflowRunner>());
        services.TryAddSingleton<UnfinishedRunResumer>();
        return services;
    }
}
