using System.Net;
using Backtesting.Http.Handlers;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>Bad research requests answer 400 naming every bad field, the value and what is allowed, and store nothing.</summary>
public sealed class ResearchValidationTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const string Goog = "\"asset_symbol\":\"GOOG\"";

    public static TheoryData<string, string, string[]> BadRequests => new()
    {
        { ResearchHandlers.OptimizationsPrefix, """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","batch_size":0}""", ["grid", "batch_size"] },
        { ResearchHandlers.OptimizationsPrefix, """{"strategy_id":"moon","asset_symbol":"GOOG","grid":{"fast_period":"5:1:1"},"objective":"luck"}""", ["strategy_id", "grid.fast_period", "objective"] },
        { ResearchHandlers.WalkForwardPrefix, """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","in_sample":"ten","mode":"sideways"}""", ["grid", "in_sample", "out_of_sample", "mode"] },
        { ResearchHandlers.WalkForwardPrefix, """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","grid":{"warp":[1]},"in_sample":0,"out_of_sample":100}""", ["grid.warp", "in_sample"] },
        { ResearchHandlers.WalkForwardPrefix, """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","grid":{"fast_period":[5]},"in_sample":100,"out_of_sample":1}""", ["out_of_sample"] },
        // 500 windows per activity at most, as the MCP schema says
        { ResearchHandlers.WalkForwardPrefix, """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","grid":{"fast_period":[5]},"in_sample":100,"out_of_sample":50,"batch_size":501}""", ["batch_size"] },
        { ResearchHandlers.MonteCarloPrefix, """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","method":"dice","paths":0}""", ["method", "paths"] },
        { ResearchHandlers.MonteCarloPrefix, """{"strategy_id":"sma_crossover","asset_symbol":"GOOG","paths":100001,"metrics":["sharpe_ratio"],"percentiles":[150]}""", ["paths", "metrics", "percentiles"] },
        { ResearchHandlers.MonteCarloPrefix, """{"strategy_id":"sma_crossover","parameters":{"fast_period":30,"slow_period":20}}""", ["asset_symbol", "parameters.fast_period"] },
        { ResearchHandlers.PortfoliosPrefix, """{"asset_symbol":"GOOG","rebalance":"yearly"}""", ["asset_symbol", "assets", "rebalance"] },
        { ResearchHandlers.PortfoliosPrefix, """{"assets":[{"symbol":"GOOG","weight":0.8},{"symbol":"NOPE","weight":0.5}]}""", ["assets"] },
        { ResearchHandlers.PortfoliosPrefix, """{"assets":[{"symbol":"GOOG","weight":0.5},{"symbol":"NOPE","weight":0.5}]}""", ["assets[1].symbol"] },
        { ResearchHandlers.PortfoliosPrefix, """{"assets":[{"symbol":"GOOG","weight":0.5},{"symbol":"GOOG"},{"weight":2}]}""", ["assets[1].symbol", "assets[1].weight", "assets[2].symbol", "assets[2].weight"] },
        { ResearchHandlers.PortfoliosPrefix, """{"strategy_id":"sma_crossover","assets":[{"symbol":"GOOG","parameters":{"fast_period":"ten"}}]}""", ["assets[0].parameters.fast_period"] },
        { ResearchHandlers.ComparisonsPrefix, """{"asset_symbol":"GOOG","rank_by":"luck"}""", ["candidates", "rank_by"] },
        { ResearchHandlers.ComparisonsPrefix, """{"asset_symbol":"GOOG","candidates":[{"strategy_id":"sma_crossover","parameters":{"fast_period":0}},{"strategy_id":"moon"},{}]}""", ["candidates[0].parameters.fast_period", "candidates[1].strategy_id", "candidates[2].strategy_id"] },
        { ResearchHandlers.ComparisonsPrefix, """{"asset_symbol":"NOPE","candidates":[{"strategy_id":"buy_and_hold"}],"batch_size":0}""", ["batch_size"] },
        { ResearchHandlers.ComparisonsPrefix, """{"asset_symbol":"NOPE","candidates":[{"strategy_id":"buy_and_hold"}]}""", ["asset_symbol"] },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Submit_BadRequest_Returns400NamingEveryField(string prefix, string body, string[] fields)
    {
        var client = await fixture.Factory.CreateUserClientAsync("rv-" + Guid.NewGuid().ToString("N")[..8]);

        var (status, problem) = await client.PostRawAsync(prefix, body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var reported = problem!["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToArray();
        foreach (string field in fields)
            Assert.True(reported.Contains(field), $"no error for {field} in {problem.ToJsonString()}");
        Assert.Equal(reported.Length, reported.Select((f, i) => f + problem["errors"]![i]!["message"]).Distinct().Count());
        Assert.Equal(0, (int)(await client.GetJsonAsync("/api/backtests"))["total"]!);
    }

    [Theory]
    [InlineData(ResearchHandlers.WalkForwardPrefix)]
    [InlineData(ResearchHandlers.MonteCarloPrefix)]
    [InlineData(ResearchHandlers.PortfoliosPrefix)]
    [InlineData(ResearchHandlers.ComparisonsPrefix)]
    public async Task Submit_NoBodyOrWrongTypes_Returns400(string prefix)
    {
        var client = await fixture.Factory.CreateUserClientAsync("rb-" + Guid.NewGuid().ToString("N")[..8]);

        var (empty, _) = await client.PostRawAsync(prefix, "", "application/json");
        var (wrong, problem) = await client.PostRawAsync(prefix, "{" + Goog + ",\"initial_capital\":\"lots\"}", "application/json");
        var (text, _) = await client.PostRawAsync(prefix, "{}", "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Equal("initial_capital", (string)problem!["errors"]![0]!["field"]!);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryResearchRoute()
    {
        var doc = System.Text.Json.Nodes.JsonNode.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        foreach (string prefix in new[] { ResearchHandlers.OptimizationsPrefix, ResearchHandlers.WalkForwardPrefix, ResearchHandlers.MonteCarloPrefix, ResearchHandlers.PortfoliosPrefix, ResearchHandlers.ComparisonsPrefix })
        {
            Assert.NotNull(paths[prefix]?["post"]?["requestBody"]);
            Assert.False(string.IsNullOrEmpty((string?)paths[prefix]!["post"]!["summary"]), prefix);
            Assert.NotNull(paths[$"{prefix}/{{id}}"]?["get"]);
            Assert.NotNull(paths[$"{prefix}/{{id}}"]?["delete"]);
            Assert.NotNull(paths[$"{prefix}/{{id}}/results"]?["get"]);
        }
        Assert.NotNull(paths[$"{ResearchHandlers.OptimizationsPrefix}/{{id}}/cells"]?["get"]);
    }
}
