using System.Net;
using Backtesting.Application.Research;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

public sealed class LocalScheduleTimerTests
{
    [Fact]
    public async Task DueSlot_StartsAnOptimizationOwnedByTheScheduleOwner()
    {
        StartedWorkflows? optimizations = null;
        using var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["Backtesting:Schedules:LocalTickSeconds"] = "1" },
            configureServices: StartedWorkflows.Install(nameof(OptimizationWorkflow), s => optimizations = s));
        var owner = await factory.CreateUserClientAsync("nightly-owner");
        var (status, body, _) = await owner.SendJsonAsync(HttpMethod.Post, "/api/schedules", new
        {
            name = "every two seconds",
            cron = "*/2 * * * * *",
            strategy_id = "sma_crossover",
            parameter_grid = new { fast_period = new[] { 5, 10 }, slow_period = new[] { 20 } },
            parameters = new { commission = 0.002 },
            assets = new[] { "GOOG" },
        });
        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());

        string runId;
        try
        {
            runId = await optimizations!.First.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail("no scheduled optimization started within 30 s");
            throw;
        }
        var list = await owner.GetJsonAsync("/api/backtests?kind=backtest_optimization");
        Assert.Contains(runId, list["items"]!.AsArray().Select(r => (string)r!["backtest_id"]!)); // a run of the schedule's owner
        var run = await owner.WaitForTerminalAsync(runId);
        Assert.Equal("completed", (string)run["status"]!);
        var summary = (await owner.GetJsonAsync($"/api/optimizations/{runId}"))["summary"]!;
        Assert.Equal(2, (int)summary["cells"]!);
    }
}
