using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;

namespace Backtesting.Functions.Tests.Http;

public sealed class ScheduleHttpFunctionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    private static readonly object Body = new
    {
        name = "nightly SMA grid",
        cron = "0 6 * * 1-5",
        strategy_id = "sma_crossover",
        parameter_grid = new { fast_period = new { start = 5, stop = 20, step = 5 }, slow_period = new[] { 30, 50 } },
        parameters = new { commission = 0.001 },
        assets = new[] { "GOOG" },
        lookback_days = 730,
    };

    [Fact]
    public async Task CreateListDelete_RoundTrip()
    {
        var functions = new ScheduleHttpFunctions();
        var create = app.Request("POST", "/api/schedules", Body);
        var (status, created, headers) = await FunctionsAppFixture.ExecuteAsync(create, await functions.CreateAsync(create));
        Assert.Equal(201, status);
        string id = (string)created!["schedule_id"]!;
        Assert.Equal($"/api/schedules/{id}", headers.Location.ToString());
        Assert.Equal("0 6 * * 1-5", (string)created["cron"]!);
        Assert.NotNull(created["next_run_at"]);

        var list = app.Request("GET", "/api/schedules");
        var (_, listed, _) = await FunctionsAppFixture.ExecuteAsync(list, await functions.ListAsync(list));
        Assert.Contains(listed!.AsArray(), s => (string)s!["schedule_id"]! == id);

        var delete = app.Request("DELETE", $"/api/schedules/{id}");
        Assert.Equal(204, (await FunctionsAppFixture.ExecuteAsync(delete, await functions.DeleteAsync(delete, id))).Status);
        var again = app.Request("DELETE", $"/api/schedules/{id}");
        Assert.Equal(404, (await FunctionsAppFixture.ExecuteAsync(again, await functions.DeleteAsync(again, id))).Status);
    }

    [Fact]
    public async Task Create_BadCron_Answers400NamingTheField()
    {
        var request = app.Request("POST", "/api/schedules", new { cron = "every day", strategy_id = "sma_crossover", parameter_grid = new { fast_period = new[] { 5 } }, assets = new[] { "GOOG" } });

        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(request, await new ScheduleHttpFunctions().CreateAsync(request));

        Assert.Equal(400, status);
        Assert.Equal("cron", (string)body!["errors"]![0]!["field"]!);
    }
}
