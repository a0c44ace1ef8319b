using System.Net;
using System.Net.Http.Headers;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

public sealed class AuthAndLimitsTests
{
    [Fact]
    public async Task NoKeyOrWrongKey_Returns401Problem()
    {
        using var factory = new LocalHostFactory();
        var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync("/api/backtests");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());

        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "btk_not-a-real-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/backtests")).StatusCode);

        // health stays open for probes
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task ApiKey_WorksAsBearerOrHeader()
    {
        using var factory = new LocalHostFactory();
        string key = await factory.CreateKeyAsync("keyed");
        var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var header = factory.CreateClient();
        header.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/strategies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await header.GetAsync("/api/strategies")).StatusCode);
    }

    [Fact]
    public async Task LoopbackWithoutKey_IsTheLocalUserOnlyInDevelopmentMode()
    {
        using var dev = new LocalHostFactory(settings: new Dictionary<string, string?> { ["Backtesting:Auth:AllowLoopbackWithoutKey"] = "true" });
        Assert.Equal(HttpStatusCode.OK, (await dev.CreateClient().GetAsync("/api/backtests")).StatusCode);
        using var secure = new LocalHostFactory();
        Assert.Equal(HttpStatusCode.Unauthorized, (await secure.CreateClient().GetAsync("/api/backtests")).StatusCode);
    }

    [Fact]
    public async Task RateLimit_Returns429WithRetryAfter_PerUser()
    {
        using var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["Backtesting:Limits:RequestsPerMinutePerUser"] = "5" });
        var client = await factory.CreateUserClientAsync("busy");
        var other = await factory.CreateUserClientAsync("calm");
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 7; i++)
            statuses.Add((await client.GetAsync("/api/strategies")).StatusCode);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        var limited = await client.GetAsync("/api/strategies");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/strategies")).StatusCode);
    }

    [Fact]
    public async Task WrongKeys_FromOneAddress_AreThrottledBeforeTheKeyIsChecked()
    {
        using var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["Backtesting:Limits:UnauthenticatedRequestsPerMinutePerAddress"] = "5" });
        string key = await factory.CreateKeyAsync("right");
        var guesser = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/backtests");
            request.Headers.Add("X-Api-Key", $"btk_guess-{i}");
            statuses.Add((await guesser.SendAsync(request)).StatusCode);
        }

        // 5 failures are answered 401; after that the address gets 429 with Retry-After
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // even a right guess is refused now: the key is not looked at while the address is throttled
        var right = factory.CreateClient();
        right.DefaultRequestHeaders.Add("X-Api-Key", key);
        var refused = await right.GetAsync("/api/backtests");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task ConcurrentJobsLimit_RejectsWith429UntilASlotFrees()
    {
        using var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["Backtesting:Limits:MaxConcurrentJobsPerUser"] = "2" });
        var client = await factory.CreateUserClientAsync("greedy");
        string first = await PendingRuns.AddAsync(factory, "greedy");
        await PendingRuns.AddAsync(factory, "greedy");

        var (status, problem, response) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest());
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("concurrency", (string)problem!["limit"]!);
        Assert.NotNull(response.Headers.RetryAfter);

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/backtests/{first}")).StatusCode);
        var (again, _, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/backtests", ApiClient.GoogRequest());
        Assert.Equal(HttpStatusCode.Accepted, again);
    }

    [Fact]
    public async Task Cancel_PendingRun_BecomesCancelledAndStays()
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("canceller");
        string id = await PendingRuns.AddAsync(factory, "canceller");

        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/backtests/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", (string)body!["status"]!);
        var (_, again, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/backtests/{id}");
        Assert.Equal("cancelled", (string)again!["status"]!);
        var results = await client.GetJsonAsync($"/api/backtests/{id}/results");
        Assert.Equal("cancelled", (string)results["status"]!);
        Assert.Null(results["metrics"]);
    }

    [Fact]
    public async Task Cancel_CompletedRun_StaysCompleted()
    {
        using var factory = new LocalHostFactory();
        var client = await factory.CreateUserClientAsync("late");
        string id = await client.RunToCompletionAsync(ApiClient.GoogRequest());

        var (_, body, _) = await client.SendJsonAsync(HttpMethod.Delete, $"/api/backtests/{id}");
        Assert.Equal("completed", (string)body!["status"]!);
    }
}
