using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Mcp.Tests.Support;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests;

/// <summary>Discovery: the tool list with schemas and annotations, strategies, assets and config validation.</summary>
public sealed class CatalogToolsTests(McpHostFixture host) : IClassFixture<McpHostFixture>, IAsyncLifetime
{
    private static readonly string[] ExpectedTools =
    [
        "cancel_backtest", "get_backtest_results", "get_backtest_status", "get_metrics", "list_assets",
        "list_backtests", "list_strategies", "run_backtest", "validate_strategy",
        "start_trading_session", "get_session", "get_session_bars", "place_order", "cancel_order", "advance_session", "close_session",
    ];

    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task ListTools_HasEveryToolWithDescribedTypedParameters()
    {
        var tools = await _client.ListToolsAsync();

        Assert.Subset(tools.Select(t => t.Name).ToHashSet(), ExpectedTools.ToHashSet());
        Assert.All(tools, t => Assert.Matches("^[a-z][a-z_]*$", t.Name));
        foreach (var tool in tools)
        {
            Assert.True(tool.Description.Length > 60, $"{tool.Name} needs a description an agent can act on");
            Assert.False(string.IsNullOrEmpty(tool.ProtocolTool.Title), tool.Name);
            var schema = JsonNode.Parse(tool.ProtocolTool.InputSchema.GetRawText())!.AsObject();
            Assert.Equal("object", (string)schema["type"]!);
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                Assert.False(string.IsNullOrEmpty((string?)property!["description"]), $"{tool.Name}.{name} has no description");
                Assert.NotNull(property["type"]);
            }
        }
    }

    [Fact]
    public async Task ListTools_TheFiveDesignToolsKeepTheirArgumentNames()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name);

        string[] Arguments(string tool) =>
            JsonNode.Parse(tools[tool].ProtocolTool.InputSchema.GetRawText())!["properties"]?.AsObject().Select(p => p.Key).ToArray() ?? [];
        Assert.Subset(Arguments("run_backtest").ToHashSet(), new HashSet<string> { "strategy_id", "asset_symbol", "start_date", "end_date", "initial_capital", "parameters" });
        Assert.Equal(["backtest_id"], Arguments("get_backtest_results").Take(1));
        Assert.Empty(Arguments("list_strategies"));
        Assert.Equal(["strategy_config"], Arguments("validate_strategy"));
        Assert.Equal(["backtest_id", "metrics"], Arguments("get_metrics"));
    }

    [Fact]
    public async Task ListTools_SchemasCarryEnumsAndBounds()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name);
        JsonObject Property(string tool, string name) =>
            JsonNode.Parse(tools[tool].ProtocolTool.InputSchema.GetRawText())!["properties"]![name]!.AsObject();

        // user strategies differ per caller, so strategy ids carry the id pattern and the built-ins as examples, not an enum
        Assert.Null(Property("run_backtest", "strategy_id")["enum"]);
        Assert.Equal("^[a-z][a-z0-9_]{2,63}$", (string)Property("run_backtest", "strategy_id")["pattern"]!);
        Assert.Contains("sma_crossover", Property("run_backtest", "strategy_id")["examples"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(120, (int)Property("run_backtest", "wait_seconds")["maximum"]!);
        Assert.Equal(0, (int)Property("run_backtest", "initial_capital")["exclusiveMinimum"]!);
        var direction = Property("run_backtest", "parameters")["properties"]!["direction"]!;
        Assert.Equal(["long", "short", "long_short"], direction["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("sharpe_ratio", Property("get_metrics", "metrics")["items"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(500, (int)Property("get_backtest_results", "trades_limit")["maximum"]!);
        Assert.Contains("completed", Property("list_backtests", "status")["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["strategy_config"], JsonNode.Parse(tools["validate_strategy"].ProtocolTool.InputSchema.GetRawText())!["required"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task ListTools_GettersAreReadOnlyAndCancelIsDestructive()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name);

        foreach (var name in new[] { "get_backtest_results", "get_backtest_status", "get_metrics", "list_assets", "list_backtests", "list_strategies", "validate_strategy" })
        {
            Assert.True(tools[name].ProtocolTool.Annotations?.ReadOnlyHint, name);
            Assert.True(tools[name].ProtocolTool.Annotations?.IdempotentHint, name);
        }
        Assert.False(tools["run_backtest"].ProtocolTool.Annotations?.ReadOnlyHint);
        Assert.True(tools["cancel_backtest"].ProtocolTool.Annotations?.DestructiveHint);
        Assert.All(tools.Values, t => Assert.False(t.ProtocolTool.Annotations?.OpenWorldHint));
    }

    [Fact]
    public async Task ListStrategies_ReturnsTheCatalogWithSchemas()
    {
        var answer = ToolAnswer.From(await _client.CallToolAsync("list_strategies"));

        Assert.False(answer.IsError);
        Assert.StartsWith("7 strategies", answer.Text);
        var sma = answer.Resource("backtesting://strategies")["strategies"]!.AsArray().Single(s => (string)s!["id"]! == "sma_crossover")!;
        Assert.Equal(10, (int)sma["default_parameters"]!["fast_period"]!);
        Assert.NotNull(sma["parameters_schema"]!["properties"]!["slow_period"]);
    }

    [Fact]
    public async Task ListAssets_ReturnsTheSeededDemoAsset()
    {
        var answer = ToolAnswer.From(await _client.CallToolAsync("list_assets"));

        Assert.False(answer.IsError);
        Assert.Contains("GOOG", answer.Text);
        var goog = answer.Resource("backtesting://assets")["assets"]!.AsArray().Single(a => (string)a!["symbol"]! == "GOOG")!;
        Assert.Equal("1d", (string)goog["timeframes"]![0]!["timeframe"]!);
    }

    [Fact]
    public async Task ValidateStrategy_ValidConfig_ResolvesDefaults()
    {
        var config = new Dictionary<string, object?> { ["strategy_id"] = "sma_crossover", ["parameters"] = new { fast_period = 10, slow_period = 20 } };

        var answer = ToolAnswer.From(await _client.CallToolAsync("validate_strategy", new Dictionary<string, object?> { ["strategy_config"] = config }));

        Assert.False(answer.IsError);
        var json = answer.Resources[0].Json;
        Assert.True((bool)json["valid"]!);
        Assert.Equal("long", (string)json["resolved_parameters"]!["direction"]!);
        Assert.StartsWith("Valid sma_crossover config", answer.Text);
    }

    [Fact]
    public async Task ValidateStrategy_BadConfig_NamesEveryFieldAndWhatIsAllowed()
    {
        var config = new Dictionary<string, object?>
        {
            ["strategy_id"] = "sma_crossover",
            ["parameters"] = new { fast_period = 30, slow_period = 20, direction = "sideways", bogus = 1 },
        };

        var answer = ToolAnswer.From(await _client.CallToolAsync("validate_strategy", new Dictionary<string, object?> { ["strategy_config"] = config }));

        var json = answer.Resources[0].Json;
        Assert.False((bool)json["valid"]!);
        var fields = json["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToArray();
        Assert.Contains("parameters.direction", fields);
        Assert.Contains("parameters.bogus", fields);
        Assert.Contains("long_short", answer.Text);
        Assert.StartsWith("Invalid strategy config", answer.Text);
    }

    [Fact]
    public async Task ValidateStrategy_ConfigNotAnObject_IsErrorNamingTheArgument()
    {
        var answer = ToolAnswer.From(await _client.CallToolAsync("validate_strategy", new Dictionary<string, object?> { ["strategy_config"] = "sma_crossover" }));

        Assert.True(answer.IsError);
        Assert.Contains("strategy_config", answer.Text);
        Assert.Contains("a JSON object", answer.Text);
    }

    [Fact]
    public async Task ServerInfo_NamesTheServerAndGivesInstructions()
    {
        Assert.Equal("backtesting", _client.ServerInfo!.Name);
        Assert.Contains("run_backtest", _client.ServerInstructions!);
        Assert.NotNull(_client.ServerCapabilities.Tools);
        Assert.NotNull(_client.ServerCapabilities.Resources);
        await Task.CompletedTask;
    }

    [Fact]
    public void ToolClasses_AreSealedAndEveryMethodAndParameterIsDescribed()
    {
        Assert.Subset(Tools.McpToolCatalog.ToolTypes.ToHashSet(), new HashSet<Type> { typeof(Tools.BacktestTools), typeof(Tools.StrategyTools), typeof(Tools.AssetTools) });
        foreach (var type in Tools.McpToolCatalog.ToolTypes)
        {
            Assert.True(type.IsSealed, type.Name);
            Assert.NotNull(type.GetCustomAttributes(typeof(ModelContextProtocol.Server.McpServerToolTypeAttribute), false).SingleOrDefault());
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttributes(typeof(ModelContextProtocol.Server.McpServerToolAttribute), false).Length > 0))
            {
                Assert.NotNull(method.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).SingleOrDefault());
                foreach (var parameter in method.GetParameters().Where(p => IsArgument(p.ParameterType)))
                    Assert.True(parameter.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).Length == 1, $"{method.Name}({parameter.Name})");
            }
        }
    }

    private static bool IsArgument(Type type) =>
        type != typeof(CancellationToken) && type != typeof(System.Security.Claims.ClaimsPrincipal)
        && type != typeof(ModelContextProtocol.Server.RequestContext<ModelContextProtocol.Protocol.CallToolRequestParams>) && type != typeof(JsonSerializerOptions);
}
