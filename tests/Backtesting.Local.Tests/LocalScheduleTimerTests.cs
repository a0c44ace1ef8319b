using System.Net;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

public sealed class LocalScheduleTimerTests
{
    [Fact]
    public async Task DueSlot_StartsAnOptimizationOwnedByTheScheduleOwner()
    {
        using var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["Backtesting:Schedules:LocalTickSeconds"] = "1" });
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

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? runId = null;
        while (runId is null && DateTime.UtcNow < deadline)
        {
            var list = await owner.GetJsonAsync("/api/backtests?kind=backtest_optimization");
            if ((int)list["total"]! > 0) runId = (string)list["items"]![0]!["backtest_id"]!;
            else await Task.Delay(200);
        }
        Assert.True(runId is not null, "no scheduled optimization started within 30 s");
        var run = await owner.WaitForTerminalAsync(runId!);
        Assert.Equal("completed", (string)run["status"]!);
        var summary = (await owner.GetJsonAsync($"/api/optimizations/{runId}"))["summary"]!;
        Assert.Equal(2, (int)summary["cells"]!);
    }
}
