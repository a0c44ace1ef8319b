using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;
using Backtesting.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Http;

public sealed class CatalogHttpFunctionsTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task Strategies_List_ReturnsTheCatalog()
    {
        var request = app.Request("GET", "/api/strategies");

        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(request, await new StrategyHttpFunctions().ListAsync(request));

        Assert.Equal(200, status);
        Assert.Contains(body!.AsArray(), s => (string)s!["id"]! == "sma_crossover");
    }

    [Fact]
    public async Task Assets_List_ShowsTheImportedAsset()
    {
        var request = app.Request("GET", "/api/assets");

        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(request, await new AssetHttpFunctions().ListAsync(request));

        Assert.Equal(200, status);
        Assert.Contains("GOOG", body!.ToJsonString());
    }

    [Fact]
    public async Task Health_ReachesTheDatabase()
    {
        var request = app.Request("GET", "/api/health", authenticated: false);

        var (status, body, _) = await FunctionsAppFixture.ExecuteAsync(request, await new HealthHttpFunction().GetAsync(request));

        Assert.Equal(200, status);
        Assert.Equal("healthy", (string)body!["status"]!);
    }
}
