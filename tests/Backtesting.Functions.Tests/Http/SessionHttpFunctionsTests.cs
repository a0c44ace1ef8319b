using System.Text.Json.Nodes;
using Backtesting.Application.Users;
using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Http;

/// <summary>The Functions app serves /api/sessions through the same handlers as the local host.</summary>
public sealed class SessionHttpFunctionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public void SessionStreams_NoSessionIsTakenAsWrittenHere_SoTheyPollTheStore()
    {
        // a write may be served by another instance and publish nothing on this one's hub: only a self-contained host
        // (the local one) may declare its sessions local, which would stop its streams from reading the store
        Assert.Null(app.Services.GetService<Backtesting.Application.Events.ILocalSessions>());
    }

    [Fact]
    public async Task CreateOrderAdvanceClose_RoundTrip()
    {
        var functions = new SessionHttpFunctions();
        var create = app.Request("POST", "/api/sessions", new { asset_symbol = "GOOG", start_date = "2005-01-03", initial_capital = 10_000 });
        var (status, created, headers) = await FunctionsAppFixture.ExecuteAsync(create, await functions.CreateAsync(create));
        Assert.Equal(201, status);
        string id = (string)created!["session_id"]!;
        Assert.Equal($"/api/sessions/{id}", headers.Location.ToString());

        var order = app.Request("POST", $"/api/sessions/{id}/orders", new { side = "buy", type = "market", quantity = 10 });
        Assert.Equal(201, (await FunctionsAppFixture.ExecuteAsync(order, await functions.PlaceOrderAsync(order, id))).Status);

        // GOOG 2005-01-04 opens at 201.4
        var advance = app.Request("POST", $"/api/sessions/{id}/advance", new { bars = 1 });
        var (_, step, _) = await FunctionsAppFixture.ExecuteAsync(advance, await functions.AdvanceAsync(advance, id));
        Assert.Equal(201.4, (double)step!["fills"]![0]!["price"]!);

        var bad = app.Request("POST", $"/api/sessions/{id}/orders", new { side = "buy", type = "limit", quantity = 1 });
        var (badStatus, problem, _) = await FunctionsAppFixture.ExecuteAsync(bad, await functions.PlaceOrderAsync(bad, id));
        Assert.Equal(400, badStatus);
        Assert.Equal("limit_price", (string)problem!["errors"]![0]!["field"]!);

        var close = app.Request("POST", $"/api/sessions/{id}/close", new { at = "close" });
        var (closeStatus, closed, _) = await FunctionsAppFixture.ExecuteAsync(close, await functions.CloseAsync(close, id));
        Assert.Equal(200, closeStatus);
        Assert.StartsWith("bt-", (string)closed!["run_id"]!);

        var again = app.Request("POST", $"/api/sessions/{id}/advance", new { bars = 1 });
        Assert.Equal(409, (await FunctionsAppFixture.ExecuteAsync(again, await functions.AdvanceAsync(again, id))).Status);
        var missing = app.Request("GET", "/api/sessions/ts-missing");
        Assert.Equal(404, (await FunctionsAppFixture.ExecuteAsync(missing, await functions.GetAsync(missing, "ts-missing"))).Status);
    }

    [Fact]
    public async Task Events_Owner_GetsTheEventStream_AnotherUser_404()
    {
        var functions = new SessionHttpFunctions();
        var create = app.Request("POST", "/api/sessions", new { asset_symbol = "GOOG", start_date = "2005-01-03", initial_capital = 10_000 });
        string id = (string)(await FunctionsAppFixture.ExecuteAsync(create, await functions.CreateAsync(create))).Body!["session_id"]!;
        var close = app.Request("POST", $"/api/sessions/{id}/close", new { at = "close" });
        var (_, closed, _) = await FunctionsAppFixture.ExecuteAsync(close, await functions.CloseAsync(close, id));

        // a closed session's stream is its state then session_closed, and ends
        var events = app.Request("GET", $"/api/sessions/{id}/events");
        await FunctionsAppFixture.ExecuteRawAsync(events, await functions.EventsAsync(events, id));
        Assert.Equal(200, events.HttpContext.Response.StatusCode);
        Assert.StartsWith("text/event-stream", events.HttpContext.Response.ContentType);
        events.HttpContext.Response.Body.Position = 0;
        var messages = (await new StreamReader(events.HttpContext.Response.Body).ReadToEndAsync()).Split('\n')
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l["data: ".Length..])!).ToList();
        Assert.Equal(["session_bar", "session_closed"], messages.Select(m => (string)m["type"]!));
        Assert.Equal("2005-01-03T00:00:00Z", (string)messages[0]["data"]!["current_bar"]!["time"]!);
        Assert.Equal((string)closed!["run_id"]!, (string)messages[1]["data"]!["run_id"]!);

        var (_, strangerKey) = await app.Services.GetRequiredService<ApiKeyService>().CreateUserWithKeyAsync("functions-stranger-" + Guid.NewGuid().ToString("N")[..8], "Stranger", isAdmin: false);
        var stranger = app.Request("GET", $"/api/sessions/{id}/events", authenticated: false);
        stranger.Headers.Authorization = "Bearer " + strangerKey;
        var (status, problem, _) = await FunctionsAppFixture.ExecuteAsync(stranger, await functions.EventsAsync(stranger, id));
        Assert.Equal(404, status);
        Assert.Contains(id, problem!.ToJsonString());
    }
}
