using System.Net;
using System.Text.Json.Nodes;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>GET /api/comparisons/{id}/candidates/{index}/equity: every candidate's curve, read from the comparison's stored table.</summary>
public sealed class ComparisonCandidateEquityTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task CandidateEquity_EachCandidate_EqualsAFreshBacktestOfItsParameters()
    {
        var client = await fixture.Factory.CreateUserClientAsync("cmp-curve-" + Guid.NewGuid().ToString("N")[..6]);
        var bars = await ResearchTestClient.BarsAsync(fixture.Factory);
        var run = await client.RunResearchAsync("/api/comparisons", new
        {
            asset_symbol = "GOOG", initial_capital = 10_000, rank_by = "total_return",
            candidates = new object[]
            {
                new { strategy_id = "sma_crossover", parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 } },
                new { strategy_id = "buy_and_hold" },
            },
        });
        string id = (string)run["backtest_id"]!;
        (string Strategy, Dictionary<string, object?> Parameters)[] candidates =
            [("sma_crossover", new() { ["fast_period"] = 10, ["slow_period"] = 20, ["commission"] = 0.002 }), ("buy_and_hold", [])];

        for (int i = 0; i < candidates.Length; i++)
        {
            // the reference: a single backtest of the candidate's parameters on the same bars and capital
            var fresh = BacktestEngine.Run(bars, StrategyConfigValidator.Validate(candidates[i].Strategy, candidates[i].Parameters).GetConfigOrThrow(), 10_000);
            var curve = await client.GetJsonAsync($"/api/comparisons/{id}/candidates/{i}/equity?max_points=100000");

            // GOOG has one bar a day: the candidate's daily equity is its backtest's curve, point for point and bit for bit
            Assert.Equal(fresh.Equity.Length, (int)curve["total_points"]!);
            var points = curve["points"]!.AsArray();
            Assert.Equal(fresh.Equity.Length, points.Count);
            for (int k = 0; k < points.Count; k++)
            {
                Assert.Equal(new DateTime(fresh.Timestamps[k], DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ"), (string)points[k]![0]!);
                Assert.Equal(fresh.Equity[k], (double)points[k]![1]!);
            }
        }
        // the reference run (design section 6) is candidate 0's last point
        var sma = await client.GetJsonAsync($"/api/comparisons/{id}/candidates/0/equity?max_points=100000");
        Assert.Equal(63341.19136, (double)sma["points"]!.AsArray()[^1]![1]!, 5);
    }

    [Fact]
    public async Task CandidateEquity_IndexOutOfRangeOrOtherRun_400NamingTheFieldOr404()
    {
        var client = await fixture.Factory.CreateUserClientAsync("cmp-curve-bad-" + Guid.NewGuid().ToString("N")[..6]);
        var run = await client.RunResearchAsync("/api/comparisons", new
        {
            asset_symbol = "GOOG", candidates = new object[] { new { strategy_id = "buy_and_hold" } },
        });
        string id = (string)run["backtest_id"]!;

        var (status, problem, _) = await client.SendJsonAsync(HttpMethod.Get, $"/api/comparisons/{id}/candidates/1/equity");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = problem!["errors"]!.AsArray().Single()!;
        Assert.Equal("index", (string)error["field"]!);
        Assert.Contains("[0, 0]", (string)error["message"]!);

        var other = await fixture.Factory.CreateUserClientAsync("cmp-curve-other-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendJsonAsync(HttpMethod.Get, $"/api/comparisons/{id}/candidates/0/equity")).Status);
    }
}
