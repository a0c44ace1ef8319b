using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Backtesting.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests;

/// <summary>
/// The optional risk_free_rate argument of run_backtest and the research tools: the ratios it produces equal the
/// engine run with the rate (and differ from the reference run at 0), it is echoed in the metrics, and a rate that
/// is not a finite fraction in [-1, 1] is an isError result naming the field.
/// </summary>
public sealed class RiskFreeRateToolsTests(McpHostFixture host) : IClassFixture<McpHostFixture>, IAsyncLifetime
{
    private const double Rate = 0.03;
    private static readonly string[] RunTools = ["run_backtest", "run_optimization", "run_walk_forward", "run_monte_carlo", "run_portfolio_backtest", "compare_strategies"];
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private async Task<ToolAnswer> CallAsync(string tool, Dictionary<string, object?> arguments) =>
        ToolAnswer.From(await _client.CallToolAsync(tool, arguments));

    /// <summary>GOOG sma 10/20 on the host's own bars with the rate, after checking the rate moved Sharpe off the rate-0 run.</summary>
    private async Task<Engine.Metrics.PerformanceMetrics> EngineRunWithRateAsync()
    {
        var bars = await host.Factory.Services.GetRequiredService<BarLoader>().LoadAsync("GOOG", "1d", null, null);
        var config = StrategyConfigValidator.Validate("sma_crossover", new Dictionary<string, object?>
        {
            ["fast_period"] = 10, ["slow_period"] = 20, ["direction"] = "long", ["position_size"] = 1, ["commission"] = 0.002,
        }).GetConfigOrThrow();
        var withRate = BacktestEngine.Run(bars, config, 10_000, new BacktestOptions(RiskFreeRate: Rate)).Metrics;
        Assert.NotEqual(BacktestEngine.Run(bars, config, 10_000).Metrics.SharpeRatio, withRate.SharpeRatio);
        return withRate;
    }

    [Fact]
    public async Task RunBacktest_GoogSma10x20At3Percent_SharpeAndSortinoOfTheEngineWithTheRate()
    {
        var arguments = GoogReference.Arguments();
        arguments["risk_free_rate"] = Rate;

        var answer = await CallAsync("run_backtest", arguments);

        Assert.False(answer.IsError, answer.Text);
        string id = (string)answer.Resources[0].Json["backtest_id"]!;
        var metrics = answer.Resource($"backtest://{id}/results")["metrics"]!;
        var expected = await EngineRunWithRateAsync();
        Assert.Equal(expected.SharpeRatio, (double)metrics["sharpe_ratio"]!);
        Assert.Equal(expected.SortinoRatio, (double)metrics["sortino_ratio"]!);
        Assert.Equal(Rate, (double)metrics["risk_free_rate"]!);
        Assert.Equal(63341.19136, (double)metrics["final_capital"]!, 4);
    }

    [Fact]
    public async Task RunOptimization_WithRate_BestCellHasTheEngineSharpeWithTheRate()
    {
        var answer = await CallAsync("run_optimization", new()
        {
            ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["initial_capital"] = 10000, ["risk_free_rate"] = Rate, ["wait_seconds"] = 60,
            ["parameters"] = new Dictionary<string, object?> { ["commission"] = 0.002 },
            ["grid"] = new Dictionary<string, object?> { ["fast_period"] = new[] { 10 }, ["slow_period"] = new[] { 20 } },
        });

        Assert.False(answer.IsError, answer.Text);
        string id = (string)answer.Resources[0].Json["backtest_id"]!;
        var best = answer.Resource($"backtest://{id}/summary")["summary"]!["best"]!["metrics"]!;
        var expected = await EngineRunWithRateAsync();
        Assert.Equal(expected.SharpeRatio, (double)best["sharpe_ratio"]!);
        Assert.Equal(expected.SortinoRatio, (double)best["sortino_ratio"]!);
    }

    [Fact]
    public async Task EveryRunTool_DeclaresRiskFreeRateInMinusOneToOneWithADescription()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name);

        foreach (string name in RunTools)
        {
            var property = JsonNode.Parse(tools[name].JsonSchema.GetRawText())!["properties"]!["risk_free_rate"];
            Assert.True(property is not null, $"{name} has no risk_free_rate");
            Assert.Equal(-1, (double)property["minimum"]!);
            Assert.Equal(1, (double)property["maximum"]!);
            Assert.Contains("excess returns", (string)property["description"]!);
        }
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData(2.0)]
    [InlineData("abc")]
    public async Task EveryRunTool_BadRate_IsAnErrorNamingRiskFreeRateAndTheRange(object rate)
    {
        foreach (string name in RunTools)
        {
            var answer = await CallAsync(name, new() { ["risk_free_rate"] = rate });

            Assert.True(answer.IsError, $"{name}: {answer.Text}");
            Assert.Contains("risk_free_rate: value ", answer.Text);
            Assert.Contains("must be a number in [-1, 1]", answer.Text);
        }
    }
}
