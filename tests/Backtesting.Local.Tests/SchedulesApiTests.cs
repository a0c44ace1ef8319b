using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Application.Ports;
using Backtesting.Application.Schedules;
using Backtesting.Application.Workflows;
using Backtesting.Local.Tests.Support;
using Backtesting.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests;

/// <summary>/api/schedules on the local host: a user's scheduled optimizations, stored in SQL, isolated per user, validated by field.</summary>
public sealed class SchedulesApiTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private static object Schedule(string name = "nightly SMA grid") => new
    {
        name,
        cron = "0 6 * * 1-5",
        strategy_id = "sma_crossover",
        parameter_grid = new { fast_period = new { start = 5, stop = 20, step = 5 }, slow_period = new[] { 30, 50 } },
        parameters = new { commission = 0.001 },
        assets = new[] { "GOOG" },
        lookback_days = 730,
    };

    private Task<HttpClient> NewUserAsync(string prefix) => fixture.Factory.CreateUserClientAsync(prefix + "-" + Guid.NewGuid().ToString("N")[..8]);

    private static async Task<string> CreateAsync(HttpClient client, string name = "nightly SMA grid")
    {
        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/schedules", Schedule(name));
        Assert.True(status == HttpStatusCode.Created, $"create: {(int)status} {body?.ToJsonString()}");
        return (string)body!["schedule_id"]!;
    }

    [Fact]
    public async Task Create_Returns201WithLocationAndTheSchedule()
    {
        var client = await NewUserAsync("creator");

        var (status, body, response) = await client.SendJsonAsync(HttpMethod.Post, "/api/schedules", Schedule());

        Assert.Equal(HttpStatusCode.Created, status);
        string id = (string)body!["schedule_id"]!;
        Assert.Equal($"/api/schedules/{id}", response.Headers.Location?.ToString());
        Assert.Equal("nightly SMA grid", (string)body["name"]!);
        Assert.Equal("0 6 * * 1-5", (string)body["cron"]!);
        Assert.Equal("sma_crossover", (string)body["strategy_id"]!);
        Assert.Equal(20, (int)body["parameter_grid"]!["fast_period"]!["stop"]!);
        Assert.Equal(["GOOG"], body["assets"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(730, (int)body["lookback_days"]!);
        Assert.True((bool)body["enabled"]!);
        Assert.NotNull(body["next_run_at"]);
        Assert.Empty(body["last_run_ids"]!.AsArray());
    }

    [Fact]
    public async Task List_ReturnsOnlyTheCallersSchedules_OldestFirst()
    {
        var alice = await NewUserAsync("alice");
        var bob = await NewUserAsync("bob");
        string first = await CreateAsync(alice, "first");
        string second = await CreateAsync(alice, "second");
        string bobs = await CreateAsync(bob, "bob's");

        var listed = (await alice.GetJsonAsync("/api/schedules")).AsArray();

        Assert.Equal([first, second], listed.Select(s => (string)s!["schedule_id"]!));
        Assert.Equal([bobs], (await bob.GetJsonAsync("/api/schedules")).AsArray().Select(s => (string)s!["schedule_id"]!));
    }

    [Fact]
    public async Task Get_OwnSchedule_ReturnsIt()
    {
        var client = await NewUserAsync("reader");
        string id = await CreateAsync(client);

        var schedule = await client.GetJsonAsync($"/api/schedules/{id}");

        Assert.Equal(id, (string)schedule["schedule_id"]!);
        Assert.Equal(0.001, (double)schedule["parameters"]!["commission"]!);
        Assert.Equal([30, 50], schedule["parameter_grid"]!["slow_period"]!.AsArray().Select(v => (int)v!));
        Assert.NotNull(schedule["next_run_at"]);
    }

    [Fact]
    public async Task Delete_Returns204_ThenTheScheduleIsGone()
    {
        var client = await NewUserAsync("deleter");
        string id = await CreateAsync(client);

        var (deleted, _, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/schedules/{id}");
        var (again, problem, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/schedules/{id}");
        var (get, _, _) = await client.SendJsonAsync(HttpMethod.Get, $"/api/schedules/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal(404, (int)problem!["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, get);
        Assert.Empty((await client.GetJsonAsync("/api/schedules")).AsArray());
    }

    [Fact]
    public async Task AnotherUsersSchedule_Answers404_AndCannotBeDeleted()
    {
        var owner = await NewUserAsync("owner");
        var intruder = await NewUserAsync("intruder");
        string id = await CreateAsync(owner);

        var (get, problem, _) = await intruder.SendJsonAsync(HttpMethod.Get, $"/api/schedules/{id}");
        var (delete, _, _) = await intruder.SendJsonAsync(HttpMethod.Delete, $"/api/schedules/{id}");

        Assert.Equal(HttpStatusCode.NotFound, get);
        Assert.Contains(id, (string)problem!["detail"]!);
        Assert.Equal(HttpStatusCode.NotFound, delete);
        Assert.Equal(id, (string)(await owner.GetJsonAsync($"/api/schedules/{id}"))["schedule_id"]!);
    }

    [Fact]
    public async Task Requests_WithoutKey_Answer401()
    {
        var anonymous = fixture.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/schedules")).StatusCode);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"cron":"every day","strategy_id":"sma_crossover","parameter_grid":{"fast_period":[5]},"assets":["GOOG"]}""", "cron", "'every day'" },
        { """{"strategy_id":"sma_crossover","parameter_grid":{"fast_period":[5]},"assets":["GOOG"]}""", "cron", "is required" },
        { """{"cron":"0 6 * * *","strategy_id":"moon","parameter_grid":{"fast_period":[5]},"assets":["GOOG"]}""", "strategy_id", "sma_crossover" },
        { """{"cron":"0 6 * * *","strategy_id":"sma_crossover","parameter_grid":{},"assets":["GOOG"]}""", "parameter_grid", "at least one parameter" },
        { """{"cron":"0 6 * * *","strategy_id":"sma_crossover","parameter_grid":{"warp":[1]},"assets":["GOOG"]}""", "parameter_grid.warp", "not a parameter" },
        { """{"cron":"0 6 * * *","strategy_id":"sma_crossover","parameter_grid":{"fast_period":[]},"assets":["GOOG"]}""", "parameter_grid.fast_period", "non-empty array" },
        { """{"cron":"0 6 * * *","strategy_id":"sma_crossover","parameter_grid":{"fast_period":[5]},"assets":["NOPE"]}""", "assets", "'NOPE' is not a known asset" },
        { """{"cron":"0 6 * * *","strategy_id":"sma_crossover","parameter_grid":{"fast_period":[5]},"assets":[]}""", "assets", "1 to 50" },
        { """{"cron":"0 6 * * *","strategy_id":"sma_crossover","parameter_grid":{"fast_period":[5]},"assets":["GOOG"],"objective":"luck"}""", "objective", "sharpe_ratio" },
        { """{"cron":"0 6 * * *","strategy_id":"sma_crossover","parameter_grid":{"fast_period":[5]},"assets":["GOOG"],"lookback_days":0}""", "lookback_days", "[1, 36500]" },
        { """{"cron":"0 6 * * *",""", "body", "not valid" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_BadInput_Returns400ProblemNamingTheField(string body, string field, string expected)
    {
        var client = await NewUserAsync("invalid");

        var (status, problem) = await client.PostRawAsync("/api/schedules", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, (int)problem!["status"]!);
        var fields = problem["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToArray();
        Assert.True(fields.Contains(field), $"no error for {field} in {problem.ToJsonString()}");
        Assert.Contains(expected, ApiClient.ErrorText(problem));
        Assert.Empty((await client.GetJsonAsync("/api/schedules")).AsArray());
    }

    [Fact]
    public void Host_StoresSchedulesInSql_AndRegistersTheSlotWorkflowOnce()
    {
        var services = fixture.Factory.Services;

        Assert.IsType<SqlScheduleStore>(services.GetRequiredService<IScheduleStore>());
        Assert.Contains(nameof(ScheduledOptimizationWorkflow), services.GetRequiredService<WorkflowCatalog>().WorkflowNames);
        Assert.Single(services.GetServices<IWorkflow>(), w => w is ScheduledOptimizationWorkflow);
    }

    [Fact]
    public async Task OpenApi_DescribesTheScheduleRoutes()
    {
        var doc = JsonNode.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();

        Assert.True(paths.ContainsKey("/api/schedules"), "missing /api/schedules");
        Assert.True(paths.ContainsKey("/api/schedules/{id}"), "missing /api/schedules/{id}");
        Assert.NotNull(paths["/api/schedules"]!["post"]!["responses"]!["201"]);
    }
}
