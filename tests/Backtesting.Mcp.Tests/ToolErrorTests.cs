using Backtesting.Mcp.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Backtesting.Mcp.Tests;

/// <summary>Bad arguments give isError results naming the field and what is allowed; unknown tools and methods give JSON-RPC errors.</summary>
public sealed class ToolErrorTests(McpHostFixture host) : IClassFixture<McpHostFixture>, IAsyncLifetime
{
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private async Task<ToolAnswer> CallAsync(string tool, Dictionary<string, object?> arguments) =>
        ToolAnswer.From(await _client.CallToolAsync(tool, arguments));

    [Fact]
    public async Task RunBacktest_WrongTypesAndBounds_NamesEveryFieldAndTheAllowedValues()
    {
        var answer = await CallAsync("run_backtest", new()
        {
            ["strategy_id"] = "Moon Phase",
            ["asset_symbol"] = "GOOG",
            ["initial_capital"] = "lots",
            ["wait_seconds"] = 1000,
            ["parameters"] = "fast",
        });

        Assert.True(answer.IsError);
        Assert.StartsWith("Invalid arguments for run_backtest", answer.Text);
        // ids differ per user (their own strategies), so the schema checks the id pattern; an unknown well-formed id is the service's error
        Assert.Contains("strategy_id: value \"Moon Phase\" must match the pattern ^[a-z][a-z0-9_]{2,63}$", answer.Text);
        Assert.Contains("initial_capital: value \"lots\" must be a number in (0, 1000000000000]", answer.Text);
        Assert.Contains("wait_seconds: value 1000 must be an integer in [0, 120]", answer.Text);
        Assert.Contains("parameters: value \"fast\" must be a JSON object", answer.Text);
    }

    [Fact]
    public async Task RunBacktest_MissingRequiredAndUnknownArguments_AreNamed()
    {
        var answer = await CallAsync("run_backtest", new() { ["strategy"] = "sma_crossover" });

        Assert.True(answer.IsError);
        Assert.Contains("strategy: value \"sma_crossover\" is not an argument of run_backtest; allowed: strategy_id, asset_symbol", answer.Text);
        Assert.Contains("strategy_id: is required", answer.Text);
        Assert.Contains("asset_symbol: is required", answer.Text);
    }

    [Fact]
    public async Task RunBacktest_MisspeltArgument_NamesTheNearestOne()
    {
        // "paramters" must not run with default parameters; it is one edit away from "parameters"
        var args = GoogReference.Arguments();
        args["paramters"] = new Dictionary<string, object?> { ["fast_period"] = 5 };

        var answer = await CallAsync("run_backtest", args);

        Assert.True(answer.IsError);
        Assert.Contains("paramters: value {\"fast_period\":5} is not an argument of run_backtest (did you mean 'parameters'?); allowed: strategy_id", answer.Text);
    }

    [Fact]
    public async Task RunBacktest_FieldAndCrossFieldProblems_ReportsBoth()
    {
        var args = GoogReference.Arguments();
        args["parameters"] = new Dictionary<string, object?> { ["fast_period"] = 50, ["slow_period"] = 10, ["position_size"] = 7 };

        var answer = await CallAsync("run_backtest", args);

        Assert.True(answer.IsError);
        Assert.Contains("parameters.position_size", answer.Text);
        Assert.Contains("must be < slow_period (10)", answer.Text);
    }

    [Fact]
    public async Task RunBacktest_BadStrategyParameters_NamesTheParameterAndItsBounds()
    {
        var args = GoogReference.Arguments();
        args["parameters"] = new Dictionary<string, object?> { ["fast_period"] = 0, ["direction"] = "sideways" };

        var answer = await CallAsync("run_backtest", args);

        Assert.True(answer.IsError);
        Assert.Contains("parameters.fast_period", answer.Text);
        Assert.Contains("parameters.direction", answer.Text);
        Assert.Contains("'long_short'", answer.Text);
    }

    [Fact]
    public async Task RunBacktest_UnknownAssetAndBadDates_AreNamedWithWhatIsAvailable()
    {
        var unknownAsset = await CallAsync("run_backtest", new() { ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "NOPE" });
        var badDates = await CallAsync("run_backtest", new()
        {
            ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["start_date"] = "yesterday", ["end_date"] = "2001-13-45",
        });
        var reversed = await CallAsync("run_backtest", new()
        {
            ["strategy_id"] = "sma_crossover", ["asset_symbol"] = "GOOG", ["start_date"] = "2010-01-01", ["end_date"] = "2009-01-01",
        });

        Assert.True(unknownAsset.IsError);
        Assert.Contains("asset_symbol: value 'NOPE' is not a known asset; available: EURUSD, GOOG", unknownAsset.Text);
        Assert.True(badDates.IsError);
        Assert.Contains("start_date", badDates.Text);
        Assert.Contains("end_date", badDates.Text);
        Assert.Contains("ISO 8601", badDates.Text);
        Assert.True(reversed.IsError);
        Assert.Contains("end_date", reversed.Text);
        Assert.Contains("must not be before start_date", reversed.Text);
    }

    [Fact]
    public async Task NullOptionalArguments_TakeTheirDefaults()
    {
        var args = GoogReference.Arguments();
        args["start_date"] = null;
        args["timeframe"] = null;
        args["chunks"] = null;

        var answer = await CallAsync("run_backtest", args);

        Assert.False(answer.IsError, answer.Text);
        GoogReference.AssertMatches(answer.Resources[1].Json);
    }

    [Fact]
    public async Task IntegerArgumentsWrittenAsWholeDecimals_AreAccepted()
    {
        var args = GoogReference.Arguments();
        args["wait_seconds"] = 60.0;

        var answer = await CallAsync("run_backtest", args);

        Assert.False(answer.IsError, answer.Text);
    }

    [Fact]
    public async Task GetMetrics_UnknownMetricName_ListsTheAllowedNames()
    {
        var answer = await CallAsync("get_metrics", new() { ["backtest_id"] = "bt-x", ["metrics"] = new[] { "sharpe_ratio", "happiness" } });

        Assert.True(answer.IsError);
        Assert.Contains("metrics[1]: value \"happiness\" must be one of", answer.Text);
        Assert.Contains("\"max_drawdown\"", answer.Text);
    }

    [Fact]
    public async Task GetResults_PagingOutOfBounds_NamesTheBounds()
    {
        var answer = await CallAsync("get_backtest_results", new() { ["backtest_id"] = "bt-x", ["trades_limit"] = 0, ["max_points"] = 1_000_000, ["trades_offset"] = -1 });

        Assert.True(answer.IsError);
        Assert.Contains("trades_limit: value 0 must be an integer in [1, 500]", answer.Text);
        Assert.Contains("max_points: value 1000000 must be an integer in [2, 2000]", answer.Text);
        Assert.Contains("trades_offset: value -1 must be an integer", answer.Text);
    }

    [Theory]
    [InlineData("get_backtest_status")]
    [InlineData("get_backtest_results")]
    [InlineData("get_metrics")]
    [InlineData("cancel_backtest")]
    public async Task UnknownBacktestId_IsErrorNamingTheId(string tool)
    {
        var answer = await CallAsync(tool, new() { ["backtest_id"] = "bt-does-not-exist" });

        Assert.True(answer.IsError);
        Assert.Contains("backtest_id: no backtest 'bt-does-not-exist'", answer.Text);
    }

    [Fact]
    public async Task ListBacktests_BadFilter_NamesTheAllowedStatuses()
    {
        var answer = await CallAsync("list_backtests", new() { ["status"] = "done" });

        Assert.True(answer.IsError);
        Assert.Contains("status: value \"done\" must be one of \"pending\", \"running\", \"completed\", \"failed\", \"cancelled\"", answer.Text);
    }

    [Fact]
    public async Task UnknownTool_IsAJsonRpcInvalidParamsError()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await _client.CallToolAsync("launch_rockets"));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("launch_rockets", error.Message);
    }

    [Fact]
    public async Task UnknownResource_IsAResourceNotFoundError()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await _client.ReadResourceAsync("backtest://bt-nothing/results"));

        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task UnknownMethod_IsAJsonRpcMethodNotFoundError()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await _client.SendRequestAsync<EmptyResult, EmptyResult>("backtests/teleport", new EmptyResult()));

        // on the 2026-07-28 revision the error also sets HTTP 404, which this client surfaces as an HTTP failure carrying the JSON-RPC error
        Assert.True(error is McpProtocolException { ErrorCode: McpErrorCode.MethodNotFound } || error.Message.Contains("-32601", StringComparison.Ordinal), error.ToString());
    }
}
