using System.Text.Json;
using Backtesting.Application.Schedules;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

public sealed class ScheduledOptimizationLauncherTests
{
    [Fact]
    public async Task Launch_StartsTheSlotsOptimizationOnceUnderItsRunId()
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("scheduler");
        var launcher = factory.Services.GetRequiredService<IScheduledOptimizationLauncher>();
        var schedule = new OptimizationSchedule
        {
            Id = "sch-1",
            UserId = "scheduler",
            Name = "nightly",
            Cron = "0 2 * * *",
            StrategyId = "sma_crossover",
            ParameterGrid = new Dictionary<string, JsonElement>
            {
                ["fast_period"] = JsonSerializer.SerializeToElement(new[] { 5, 10 }),
                ["slow_period"] = JsonSerializer.SerializeToElement("20:40:20"),
            },
            Parameters = new Dictionary<string, JsonElement> { ["commission"] = JsonSerializer.SerializeToElement(0.002) },
            Assets = ["GOOG"],
            CreatedAt = DateTime.UtcNow,
        };
        var launch = new ScheduledOptimizationLaunch(schedule, new DateTime(2026, 1, 2, 2, 0, 0, DateTimeKind.Utc), "GOOG", null, new DateTime(2013, 3, 1, 0, 0, 0, DateTimeKind.Utc), "bt-sched-slot-1");

        string first = await launcher.LaunchAsync(launch);
        string second = await launcher.LaunchAsync(launch);

        Assert.Equal("bt-sched-slot-1", first);
        Assert.Equal(first, second);
        var run = await client.WaitForTerminalAsync(first);
        Assert.Equal("completed", (string)run["status"]!);
        Assert.Equal("backtest_optimization", (string)run["kind"]!);
        var summary = (await client.GetJsonAsync($"/api/optimizations/{first}"))["summary"]!;
        Assert.Equal(4, (int)summary["cells"]!);
        Assert.Equal(1, (int)(await client.GetJsonAsync("/api/backtests?kind=backtest_optimization"))["total"]!);
    }
}
