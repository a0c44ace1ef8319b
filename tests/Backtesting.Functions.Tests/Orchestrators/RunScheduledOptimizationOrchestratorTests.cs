using System.Text.Json;
using Backtesting.Application.Json;
using Backtesting.Application.Schedules;
using Backtesting.Application.Workflows;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Tests.Support;
using Microsoft.Extensions.Options;

namespace Backtesting.Functions.Tests.Orchestrators;

public sealed class RunScheduledOptimizationOrchestratorTests
{
    private static readonly DateTime Slot = new(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc);

    private static readonly OptimizationSchedule Schedule = new()
    {
        Id = "sch-0011223344556677",
        UserId = "user-1",
        Name = "nightly",
        Cron = "0 6 * * *",
        StrategyId = "sma_crossover",
        ParameterGrid = new() { ["fast_period"] = JsonSerializer.SerializeToElement(new[] { 5, 10 }) },
        Assets = ["GOOG", "MSFT", "AAPL"],
        LookbackDays = 365,
        CreatedAt = Slot.AddDays(-1),
    };

    private static RunScheduledOptimizationOrchestrator Orchestrator() =>
        new(new WorkflowOrchestration(new WorkflowCatalog([new ScheduledOptimizationWorkflow()], []), Options.Create(new DurableOptions())));

    [Fact]
    public async Task RunAsync_LaunchesOneOptimizationPerAssetWithDerivedRunIdsAndRecordsTheSlot()
    {
        var fake = new FakeOrchestration(ScheduleSlot.InstanceIdFor(Schedule.Id, Slot), WorkflowJson.Serialize(new ScheduledOptimizationJob(Schedule, Slot)), (name, input) =>
        {
            if (name == nameof(LaunchScheduledOptimizationActivity))
            {
                var launch = WorkflowJson.Deserialize<ScheduledOptimizationLaunch>(input);
                if (launch.AssetSymbol == "MSFT") throw FakeOrchestration.Failure(name, "MSFT has no bars in the window");
                return Task.FromResult(WorkflowJson.Serialize(launch.RunId));
            }
            return Task.FromResult("true");
        });

        await Orchestrator().RunAsync(fake.Context.Object);

        var launches = fake.ActivityCalls.Where(c => c.Name == nameof(LaunchScheduledOptimizationActivity)).Select(c => WorkflowJson.Deserialize<ScheduledOptimizationLaunch>(c.Input)).ToArray();
        Assert.Equal(["GOOG", "MSFT", "AAPL"], launches.Select(l => l.AssetSymbol));
        Assert.All(launches, l => Assert.Equal(ScheduleRunIds.For(Schedule.Id, Slot, l.AssetSymbol), l.RunId));
        Assert.All(launches, l => Assert.Equal((Slot.AddDays(-365), Slot), (l.StartDate!.Value, l.EndDate)));
        var record = WorkflowJson.Deserialize<ScheduleSlotRecord>(fake.ActivityCalls.Last().Input);
        Assert.Equal(nameof(RecordScheduleSlotActivity), fake.ActivityCalls.Last().Name);
        Assert.Equal([ScheduleRunIds.For(Schedule.Id, Slot, "GOOG"), ScheduleRunIds.For(Schedule.Id, Slot, "AAPL")], record.RunIds);
        Assert.Equal("MSFT has no bars in the window", record.Failures["MSFT"]);
    }

    [Fact]
    public void RunIds_AreStablePerScheduleSlotAndAsset()
    {
        Assert.Equal(ScheduleRunIds.For("sch-1", Slot, "GOOG"), ScheduleRunIds.For("sch-1", Slot, "GOOG"));
        Assert.NotEqual(ScheduleRunIds.For("sch-1", Slot, "GOOG"), ScheduleRunIds.For("sch-1", Slot.AddDays(1), "GOOG"));
        Assert.Matches("^bt-[0-9a-f]{20}$", ScheduleRunIds.For("sch-1", Slot, "GOOG"));
    }
}
