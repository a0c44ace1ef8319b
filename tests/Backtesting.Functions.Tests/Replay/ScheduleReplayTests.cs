using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Application.Schedules;
using Backtesting.Functions.Http;
using Backtesting.Functions.Schedules;
using Backtesting.Functions.Tests.Schedules;
using Backtesting.Functions.Tests.Support;
using Backtesting.Http.Handlers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Backtesting.Functions.Tests.Replay;

/// <summary>A schedule created over HTTP, its slot started by the real timer function, the slot's optimization run to the end on Durable.</summary>
[Collection(DurableReplayCollection.Name)]
public sealed class ScheduleReplayTests(DurableReplayFixture durable)
{
    [Fact]
    public async Task TimerTick_StartsTheSlotWhoseOptimizationEqualsTheSameOptimizationRunLocally()
    {
        var create = durable.App.Request("POST", "/api/schedules", new
        {
            name = "nightly GOOG",
            cron = "0 6 * * *",
            strategy_id = "sma_crossover",
            parameter_grid = new { fast_period = new[] { 5, 10 }, slow_period = new[] { 20, 30 } },
            parameters = new { commission = 0.002 },
            assets = new[] { "GOOG" },
            initial_capital = 10000,
        });
        var (created, schedule, _) = await FunctionsAppFixture.ExecuteAsync(create, await new ScheduleHttpFunctions().CreateAsync(create));
        Assert.True(created == 201, schedule?.ToJsonString());
        string scheduleId = (string)schedule!["schedule_id"]!;

        // a tick one minute after tomorrow's 06:00 slot (the schedule was created now, so that slot is due)
        var tomorrow = DateTime.UtcNow.Date.AddDays(1);
        var slot = new DateTime(tomorrow.Year, tomorrow.Month, tomorrow.Day, 6, 0, 0, DateTimeKind.Utc);
        var timer = ActivatorUtilities.CreateInstance<ScheduledOptimizationsTimer>(durable.App.Services, (TimeProvider)new MutableTime(new DateTimeOffset(slot.AddMinutes(1))));
        var invocation = new Mock<FunctionContext>();
        invocation.SetupGet(c => c.CancellationToken).Returns(CancellationToken.None);
        await timer.RunAsync(new TimerInfo(), durable.Client, invocation.Object);

        var done = await durable.CompletedAsync(ScheduleSlot.InstanceIdFor(scheduleId, slot));
        var record = WorkflowJson.Deserialize<ScheduleSlotRecord>(done.ReadOutputAs<string>()!);
        Assert.Empty(record.Failures);
        string runId = ScheduleRunIds.For(scheduleId, slot, "GOOG");
        Assert.Equal([runId], record.RunIds);
        await durable.CompletedAsync(runId);

        // the same optimization submitted over the local host's API: from the first bar to the slot
        var local = await durable.RunLocallyAsync(ResearchHandlers.OptimizationsPrefix, new
        {
            strategy_id = "sma_crossover", asset_symbol = "GOOG", end_date = slot.ToString("O"), initial_capital = 10000,
            parameters = new { commission = 0.002 },
            grid = new { fast_period = new[] { 5, 10 }, slow_period = new[] { 20, 30 } },
        }, ResearchHandlers.SubmitOptimizationAsync);
        string localId = (string)local["backtest_id"]!;
        var run = await DurableReplayFixture.GetAsync(durable.App, $"/api/optimizations/{runId}", http => ResearchHandlers.GetAsync(http, runId, RunKind.Optimization));
        var localRun = await DurableReplayFixture.GetAsync(durable.Local, $"/api/optimizations/{localId}", http => ResearchHandlers.GetAsync(http, localId, RunKind.Optimization));
        Assert.Equal("completed", (string)run["status"]!);
        Assert.Equal(ComparableJson.Of(localRun["summary"]!, localId), ComparableJson.Of(run["summary"]!, runId));
    }
}
