using System.Text.Json.Nodes;
using Backtesting.Mcp.Tests.Support;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests;

/// <summary>create_strategy, delete_strategy, and list/validate/run covering a user's own rules strategies; isolation between users.</summary>
public sealed class UserStrategyToolsTests(McpHostFixture host) : IClassFixture<McpHostFixture>, IAsyncLifetime
{
    private McpClient _alice = null!;
    private McpClient _bob = null!;

    public async Task InitializeAsync()
    {
        _alice = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);
        _bob = await McpConnections.ConnectAsync(host.Factory, host.BobKey);
    }

    public async Task DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
    }

    /// <summary>The sma crossover rules of DESIGN section 9 (fast/slow), with a replaceable entry rule.</summary>
    private static Dictionary<string, object?> Definition(string id, string entry = "crosses_above(sma(close, fast), sma(close, slow))") => new()
    {
        ["id"] = id,
        ["name"] = "SMA cross rules",
        ["parameters"] = new Dictionary<string, object?>
        {
            ["fast"] = new { type = "integer", @default = 10, minimum = 1, maximum = 500 },
            ["slow"] = new { type = "integer", @default = 20, minimum = 2, maximum = 1000 },
        },
        ["constraints"] = new[] { "fast < slow" },
        ["rules"] = new Dictionary<string, object?> { ["long_entry"] = entry, ["long_exit"] = "crosses_below(sma(close, fast), sma(close, slow))" },
    };

    private static string NewId(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<ToolAnswer> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments) =>
        ToolAnswer.From(await client.CallToolAsync(tool, arguments));

    private static async Task<JsonArray> OwnAsync(McpClient client) =>
        new((await CallAsync(client, "list_strategies", [])).Resource("backtesting://strategies")["strategies"]!.AsArray()
            .Where(s => (string)s!["owner"]! == "user").Select(s => s!.DeepClone()).ToArray());

    [Fact]
    public async Task CreateStrategy_ThenRunIt_ReproducesTheReferenceBacktest()
    {
        string id = NewId("cross");

        var created = await CallAsync(_alice, "create_strategy", new() { ["definition"] = Definition(id) });

        Assert.False(created.IsError, created.Text);
        Assert.StartsWith($"Created strategy {id}", created.Text);
        Assert.Equal("user", (string)created.Resource($"backtesting://strategies/{id}")["owner"]!);
        Assert.Contains(await OwnAsync(_alice), s => (string)s!["id"]! == id);
        var run = await CallAsync(_alice, "run_backtest", new()
        {
            ["strategy_id"] = id, ["asset_symbol"] = "GOOG", ["initial_capital"] = 10000,
            ["parameters"] = new Dictionary<string, object?> { ["fast"] = 10, ["slow"] = 20, ["commission"] = 0.002 }, ["wait_seconds"] = 60,
        });
        Assert.False(run.IsError, run.Text);
        var results = run.Resources.Single(r => r.Uri.EndsWith("/results", StringComparison.Ordinal)).Json;
        Assert.Equal(63341.19136, (double)results["metrics"]!["final_capital"]!, 1e-5);
        Assert.Equal(46, (int)results["metrics"]!["total_trades"]!);
    }

    [Fact]
    public async Task CreateStrategy_BadRule_IsErrorWithFieldAndColumnAndNothingStored()
    {
        int before = (await OwnAsync(_alice)).Count;

        var answer = await CallAsync(_alice, "create_strategy", new() { ["definition"] = Definition(NewId("bad"), "crosses_above(smaa(close, fast), sma(close, slow))") });

        Assert.True(answer.IsError);
        Assert.Contains("rules.long_entry: column 15: unknown function 'smaa' (did you mean 'sma'?)", answer.Text);
        Assert.Equal(before, (await OwnAsync(_alice)).Count);
    }

    [Fact]
    public async Task CreateStrategy_BuiltInOrDuplicateId_IsError()
    {
        string id = NewId("twice");
        Assert.False((await CallAsync(_alice, "create_strategy", new() { ["definition"] = Definition(id) })).IsError);

        var duplicate = await CallAsync(_alice, "create_strategy", new() { ["definition"] = Definition(id) });
        var builtIn = await CallAsync(_alice, "create_strategy", new() { ["definition"] = Definition("sma_crossover") });

        Assert.True(duplicate.IsError);
        Assert.Contains($"id: value '{id}' is already one of your strategies", duplicate.Text);
        Assert.True(builtIn.IsError);
        Assert.Contains("id: value 'sma_crossover' is a built-in strategy id", builtIn.Text);
    }

    [Fact]
    public async Task ValidateStrategy_Definition_ValidOrPositionedErrors()
    {
        var valid = await CallAsync(_alice, "validate_strategy", new() { ["strategy_config"] = Definition("checked_rules") });
        var invalid = await CallAsync(_alice, "validate_strategy", new() { ["strategy_config"] = Definition("checked_rules", "close > sma(close)") });

        Assert.True((bool)valid.Resources[0].Json["valid"]!, valid.Text);
        Assert.Equal(20, (int)valid.Resources[0].Json["resolved_parameters"]!["slow"]!);
        Assert.False((bool)invalid.Resources[0].Json["valid"]!);
        Assert.Contains("rules.long_entry: column 9: sma takes 2 arguments", invalid.Text);
        Assert.DoesNotContain(await OwnAsync(_alice), s => (string)s!["id"]! == "checked_rules");
    }

    [Fact]
    public async Task DeleteStrategy_OwnOnly_OthersAreNotFound()
    {
        string id = NewId("mine");
        await CallAsync(_alice, "create_strategy", new() { ["definition"] = Definition(id) });

        var byBob = await CallAsync(_bob, "delete_strategy", new() { ["strategy_id"] = id });
        var bobRun = await CallAsync(_bob, "run_backtest", new() { ["strategy_id"] = id, ["asset_symbol"] = "GOOG" });
        Assert.True(byBob.IsError);
        Assert.Contains("is not one of your strategies", byBob.Text);
        Assert.True(bobRun.IsError);
        Assert.Contains($"strategy_id: value '{id}' is not a known strategy", bobRun.Text);
        Assert.Contains(await OwnAsync(_alice), s => (string)s!["id"]! == id);

        var byAlice = await CallAsync(_alice, "delete_strategy", new() { ["strategy_id"] = id });
        var again = await CallAsync(_alice, "delete_strategy", new() { ["strategy_id"] = id });
        Assert.False(byAlice.IsError, byAlice.Text);
        Assert.True(again.IsError);
        Assert.DoesNotContain(await OwnAsync(_alice), s => (string)s!["id"]! == id);
    }

    [Fact]
    public void ServerInstructions_ExplainTheLanguageWithAnExample()
    {
        string instructions = _alice.ServerInstructions!;

        Assert.Contains("create_strategy", instructions);
        Assert.Contains("crosses_above(sma(close, fast), sma(close, slow))", instructions);
        Assert.Contains("long_entry", instructions);
        Assert.Contains("bb_upper(x, n, k)", instructions);
    }
}
