using System.Diagnostics;
using System.Net;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// GET /api/backtests/{id}?wait_seconds=N: answers once the run has ended or N seconds have passed (the REST side of the MCP
/// tools' wait), so a client sees a run's end when it happens instead of polling.
/// </summary>
public sealed class RunWaitApiTests
{
    [Fact]
    public async Task Wait_AnswersWhenTheRunEnds_NotBefore()
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("waiter");
        // a stored run no workflow picks up: it ends only when it is cancelled below
        string id = await PendingRuns.AddAsync(factory, "waiter");

        var waiting = client.GetJsonAsync($"/api/backtests/{id}?wait_seconds=60");
        var (cancelStatus, _, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/backtests/{id}");
        Assert.Equal(HttpStatusCode.OK, cancelStatus);

        // without the wait the GET would have answered "pending" at once
        var run = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", (string)run["status"]!);
        Assert.Equal($"/api/backtests/{id}/results", (string)run["links"]!["results"]!);
    }

    [Fact]
    public async Task Wait_RunThatDoesNotEnd_AnswersWithItsStatusOnceTheTimeHasPassed()
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("patient");
        string id = await PendingRuns.AddAsync(factory, "patient");

        var clock = Stopwatch.StartNew();
        var run = await client.GetJsonAsync($"/api/backtests/{id}?wait_seconds=1");

        Assert.Equal("pending", (string)run["status"]!);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"answered after {clock.ElapsedMilliseconds} ms, before the 1 s wait was over");
    }

    [Fact]
    public async Task Wait_CompletedRun_AnswersAtOnceWithIt()
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("late");
        string id = await client.RunToCompletionAsync(ApiClient.GoogRequest());

        var run = await client.GetJsonAsync($"/api/backtests/{id}?wait_seconds=120");
        Assert.Equal("completed", (string)run["status"]!);
        Assert.Equal(100, (double)run["progress"]!);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("121")]
    [InlineData("soon")]
    public async Task Wait_OutsideZeroTo120_Is400NamingWaitSeconds(string value)
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("hasty");
        string id = await PendingRuns.AddAsync(factory, "hasty");

        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Get, $"/api/backtests/{id}?wait_seconds={value}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(problem!["errors"]!.AsArray());
        Assert.Equal("wait_seconds", (string)error!["field"]!);
        Assert.Contains(value is "soon" ? "integer" : "between 0 and 120", (string)error["message"]!);
    }

    [Fact]
    public async Task Wait_AnotherUsersRun_Is404AtOnce()
    {
        using var factory = new LocalHostFactory();
        await factory.CreateUserClientAsync("owner");
        var other = await factory.CreateUserClientAsync("other");
        string id = await PendingRuns.AddAsync(factory, "owner");

        var clock = Stopwatch.StartNew();
        var (status, _, _) = await other.SendJsonAsync(HttpMethod.Get, $"/api/backtests/{id}?wait_seconds=60");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "a run the caller cannot see is not waited for");
    }
}
