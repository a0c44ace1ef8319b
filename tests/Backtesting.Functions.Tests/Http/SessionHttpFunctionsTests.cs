using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;

namespace Backtesting.Functions.Tests.Http;

/// <summary>The Functions app serves /api/sessions through the same handlers as the local host.</summary>
public sealed class SessionHttpFunctionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
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
}
