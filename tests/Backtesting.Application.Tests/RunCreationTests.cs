using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backtesting.Application.Tests;

/// <summary>
/// Storing a submitted run (<see cref="BacktestService.CreateWithinLimitAsync"/>, the step of every backtest and research
/// submission before its workflow starts): a run whose kind is routed to a workflow nobody registered is refused before
/// anything is stored, so no run is left behind for a start that cannot happen.
/// </summary>
public sealed class RunCreationTests
{
    private readonly Mock<IRunStore> _runs = new();

    private BacktestService Service(WorkflowRoutes routes, int maxConcurrentJobs)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(_runs.Object);
        foreach (var port in new[] { typeof(IJobJournal), typeof(IBlobStore), typeof(IMarketDataStore), typeof(IUserStore), typeof(IUserStrategyStore), typeof(IWorkflowStarter) })
            services.AddSingleton(port, ((Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(port))!).Object);
        services.AddSingleton(routes); // before the application's own routes, which are only a TryAdd
        services.AddBacktestingApplication(l => l.MaxConcurrentJobsPerUser = maxConcurrentJobs);
        return services.BuildServiceProvider().GetRequiredService<BacktestService>();
    }

    private static BacktestRun Run() => new()
    {
        Id = "bt-1",
        UserId = "user-1",
        Kind = RunKind.Backtest,
        StrategyId = "sma_crossover",
        AssetSymbol = "GOOG",
        StartDate = new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        EndDate = new DateTime(2011, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        InitialCapital = 10_000m,
        Status = RunStatus.Pending,
        CreatedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    [Theory]
    [InlineData(0)] // no concurrency limit: a plain insert
    [InlineData(10)] // the limit-checked insert
    public async Task CreateWithinLimit_KindRoutedToAWorkflowNobodyRegistered_IsRefusedBeforeTheRunIsStored(int maxConcurrentJobs)
    {
        var service = Service(new WorkflowRoutes().Map<BacktestJob>(RunKind.Backtest, "BacktestsWorkflow"), maxConcurrentJobs);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => service.CreateWithinLimitAsync(Run(), CancellationToken.None));

        Assert.Contains("'BacktestsWorkflow'", ex.Message);
        Assert.Contains(nameof(BacktestWorkflow), ex.Message);
        _runs.VerifyNoOtherCalls(); // nothing stored
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public async Task CreateWithinLimit_KindRoutedToARegisteredWorkflow_StoresTheRun(int maxConcurrentJobs)
    {
        _runs.Setup(r => r.TryCreateWithinLimitAsync(It.IsAny<BacktestRun>(), 10, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var service = Service(new WorkflowRoutes().Map<BacktestJob>(RunKind.Backtest, nameof(BacktestWorkflow)), maxConcurrentJobs);

        await service.CreateWithinLimitAsync(Run(), CancellationToken.None);

        if (maxConcurrentJobs == 0) _runs.Verify(r => r.CreateAsync(It.Is<BacktestRun>(run => run.Id == "bt-1"), It.IsAny<CancellationToken>()), Times.Once);
        else _runs.Verify(r => r.TryCreateWithinLimitAsync(It.Is<BacktestRun>(run => run.Id == "bt-1"), 10, It.IsAny<CancellationToken>()), Times.Once);
    }
}
