using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Json;
using Backtesting.Application.Strategies;
using Backtesting.Mcp.Resources;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>The strategy catalog and config validation.</summary>
[McpServerToolType]
public sealed class StrategyTools(StrategyService strategies)
{
    [McpServerTool(Name = "list_strategies", Title = "List strategies", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The trading strategies run_backtest accepts: id, name, description, type (trend, mean_reversion, momentum, breakout, benchmark), "
        + "the JSON Schema of their parameters (types, bounds, allowed values, defaults) and default parameters. "
        + "Answer: a text line and the resource backtesting://strategies ({strategies: [...]}).")]
    public CallToolResult ListStrategies()
    {
        var list = strategies.List();
        string text = $"{list.Count} strategies: " + string.Join("; ", list.Select(s =>
            $"{s.Id} ({s.StrategyType}): {string.Join(", ", s.DefaultParameters.Select(p => $"{p.Key}={p.Value?.ToJsonString() ?? "null"}"))}"));
        return ToolResults.Ok(text, ToolResults.Resource(ResourceUris.Strategies, CatalogJson(strategies)));
    }

    [McpServerTool(Name = "validate_strategy", Title = "Validate a strategy config", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Checks a strategy config before running it: the strategy id, every parameter's type and bounds, allowed values (e.g. direction) and "
        + "cross-parameter rules (e.g. fast_period < slow_period). Answers valid with the parameters resolved with their defaults, or every problem "
        + "naming the field, the value and what is allowed. Answer: a text line and a JSON resource {valid, strategy_id, errors, resolved_parameters}.")]
    public CallToolResult ValidateStrategy(
        [Description("The config: {\"strategy_id\": \"sma_crossover\", \"parameters\": {\"fast_period\": 10, \"slow_period\": 20, \"direction\": \"long\"}}.")]
        Dictionary<string, JsonElement> strategy_config)
    {
        var view = strategies.Validate(JsonSerializer.SerializeToElement(strategy_config));
        var json = JsonSerializer.SerializeToNode(view, WorkflowJson.Options)!;
        string text = view.Valid
            ? $"Valid {view.StrategyId} config; resolved parameters: {string.Join(", ", view.ResolvedParameters!.Select(p => $"{p.Key}={p.Value?.ToJsonString() ?? "null"}"))}."
            : $"Invalid strategy config ({view.Errors.Count} problem{(view.Errors.Count == 1 ? "" : "s")}): {string.Join("; ", view.Errors.Select(e => e.ToString()))}";
        return ToolResults.Ok(text, ToolResults.Resource(ResourceUris.StrategyValidation, json));
    }

    internal static JsonObject CatalogJson(StrategyService strategies) =>
        new() { ["strategies"] = JsonSerializer.SerializeToNode(strategies.List(), WorkflowJson.Options) };
}
