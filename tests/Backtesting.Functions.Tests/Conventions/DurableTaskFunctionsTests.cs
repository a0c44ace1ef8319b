using Backtesting.Application.Schedules;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Tests.Support;
using Backtesting.Application.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Conventions;

public sealed class DurableTaskFunctionsTests
{
    [Fact]
    public void Registry_TakesEveryOrchestratorAndActivityFunction_WithEveryParameterBound()
    {
        // a parameter the helper cannot bind outside the Functions host throws here, not in the middle of a run
        new DurableTaskRegistry().AddBacktestingFunctions(TestCatalog.Services(), () => throw new InvalidOperationException("not called while registering"));

        var orchestrators = DurableTaskFunctions.Orchestrators.Select(DurableTaskFunctions.FunctionName).ToHashSet();
        // one orchestrator per top-level workflow (each job kind's, and the schedule slot's that DueSlotStarter starts),
        // named by the starter's rule, and the one that runs child workflows
        var routes = TestCatalog.Services().GetRequiredService<WorkflowRoutes>();
        var expected = Application.Runs.RunKind.All.Select(routes.WorkflowFor).Append(nameof(ScheduledOptimizationWorkflow))
            .Select(DurableOrchestratorNames.For).Distinct().Append(nameof(RunChildWorkflowOrchestrator));
        Assert.Equal(expected.Order(StringComparer.Ordinal), orchestrators.Order(StringComparer.Ordinal));
        // the schedule activities are registered with the schedules, as AddBacktestingServices does for the app
        var activities = TestCatalog.Catalog(services => services.AddBacktestingSchedules()).ActivityNames;
        Assert.Equal(activities.Order(StringComparer.Ordinal), DurableTaskFunctions.Activities.Select(DurableTaskFunctions.FunctionName).Order(StringComparer.Ordinal));
    }
}
