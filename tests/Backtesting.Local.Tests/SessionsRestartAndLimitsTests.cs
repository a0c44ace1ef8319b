using System.Net;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>Trading sessions survive a restart of the host, and their limits (sessions per user, bars and orders per session) hold.</summary>
public sealed class SessionsRestartAndLimitsTests
{
    [Fact]
    public async Task Restart_LosesNothing_TheSessionContinuesWhereItStood()
    {
        string folder = Path.Combine(Path.GetTempPath(), "bt-session-restart-" + Guid.NewGuid().ToString("N"));
        string id, before;
        try
        {
            string key;
            using (var first = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, folder: folder))
            {
                var client = await first.CreateUserClientAsync("restarter");
                key = client.DefaultRequestHeaders.Authorization!.Parameter!;
                id = await SessionsApiTests.CreateAsync(client);
                await client.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
                await client.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "sell", type = "limit", quantity = 10, limit_price = 250 });
                await client.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 2 });
                before = (await client.GetJsonAsync($"/api/sessions/{id}")).ToJsonString();
            }
            using var second = new LocalHostFactory(settings: LocalHostFactory.GenerousLimits, folder: folder);
            var again = second.CreateClient();
            again.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

            Assert.Equal(before, (await again.GetJsonAsync($"/api/sessions/{id}")).ToJsonString());
            Assert.Equal(2, (await again.GetJsonAsync($"/api/sessions/{id}/orders")).AsArray().Count);
            var (status, step, _) = await again.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/advance", new { bars = 1 });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(10, (double)step!["session"]!["position"]!["units"]!);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Limits_SessionsPerUser429_BarsPerSession400_OrdersPerSession429()
    {
        var settings = LocalHostFactory.GenerousLimits;
        settings["Backtesting:Limits:MaxSessionsPerUser"] = "1";
        settings["Backtesting:Limits:MaxBarsPerSession"] = "100";
        settings["Backtesting:Limits:MaxOrdersPerSession"] = "2";
        using var factory = new LocalHostFactory(settings: settings);
        var client = await factory.CreateUserClientAsync("limited");

        // GOOG from 2004-08-19 to the end is 2148 bars, beyond 100
        var (tooLong, problem, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/sessions", new { asset_symbol = "GOOG", start_date = "2004-08-19", initial_capital = 1000 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Contains("bars per session", problem!.ToJsonString());

        string id = await SessionsApiTests.CreateAsync(client, new { asset_symbol = "GOOG", start_date = "2012-12-01", initial_capital = 1000 });
        var (second, _, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/sessions", new { asset_symbol = "GOOG", start_date = "2012-12-01", initial_capital = 1000 });
        Assert.Equal(HttpStatusCode.TooManyRequests, second);

        for (int i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "limit", quantity = 1, limit_price = 10 })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/orders", new { side = "buy", type = "limit", quantity = 1, limit_price = 10 })).Status);

        // a closed session frees its place
        await client.SendJsonAsync(HttpMethod.Post, $"/api/sessions/{id}/close", new { });
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/sessions", new { asset_symbol = "GOOG", start_date = "2012-12-01", initial_capital = 1000 })).Status);
    }
}
