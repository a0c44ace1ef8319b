using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Json;
using Backtesting.Application.Strategies;
using Backtesting.Application.Views;
using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Resources;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>The strategies (built-in and the caller's own rules strategies), their lifecycle and validation.</summary>
[McpServerToolType]
public sealed class StrategyTools(StrategyService strategies)
{
    /// <summary>The strategy language in brief, shared by the tool descriptions and the server instructions.</summary>
    internal const string LanguageGuide =
        "A definition is JSON: {\"id\": \"my_cross\" (3-64 of a-z 0-9 _, starting with a letter, not a built-in id), \"name\", \"description\", "
        + "\"strategy_type\" (trend|mean_reversion|momentum|breakout|benchmark), \"parameters\": {\"fast\": {\"type\": \"integer\", \"default\": 10, "
        + "\"minimum\": 2, \"maximum\": 200}}, \"constraints\": [\"fast < slow\"], \"rules\": {\"long_entry\", \"long_exit\", \"short_entry\", \"short_exit\"}} "
        + "(at least one entry rule; only long rules: long only). A rule is a condition evaluated at each bar's close: numbers, true/false, parameter "
        + "names, the series open high low close volume, + - * /, < <= > >= == !=, and or not, parentheses, and the functions sma(x, n) ema(x, n) "
        + "wma(x, n) rsi(x, n) stdev(x, n) bb_upper(x, n, k) bb_lower(x, n, k) macd(x, fast, slow) macd_signal(x, fast, slow, signal) atr(n) "
        + "highest(x, n) lowest(x, n) prev(x, k) roc(x, n) abs(x) min(a, b) max(a, b) crosses_above(a, b) crosses_below(a, b); n and k are numbers "
        + "or parameter arithmetic. Values are undefined during warm-up and comparisons with them are false. Example rules: "
        + "\"long_entry\": \"crosses_above(sma(close, fast), sma(close, slow))\", \"long_exit\": \"crosses_below(sma(close, fast), sma(close, slow))\". "
        + "Limits: 1000 characters and 200 parts per rule, 20 parameters.";

    [McpServerTool(Name = "list_strategies", Title = "List strategies", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The trading strategies every run tool accepts: the built-ins and your own (owner: builtin or user), each with id, name, description, "
        + "type (trend, mean_reversion, momentum, breakout, benchmark), the JSON Schema of its parameters (types, bounds, allowed values, defaults) "
        + "and default parameters; your own also carry their definition. Answer: a text line and the resource backtesting://strategies ({strategies: [...]}).")]
    public async Task<CallToolResult> ListStrategiesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var list = await strategies.ListAsync(McpCaller.UserId(caller), cancellationToken).ConfigureAwait(false);
        string text = $"{list.Count} strategies: " + string.Join("; ", list.Select(s =>
            $"{s.Id} ({s.StrategyType}{(s.Owner == StrategyView.UserOwner ? ", yours" : "")}): {string.Join(", ", s.DefaultParameters.Select(p => $"{p.Key}={p.Value?.ToJsonString() ?? "null"}"))}"));
        return ToolResults.Ok(text, ToolResults.Resource(ResourceUris.Strategies, CatalogJson(list)));
    }

    [McpServerTool(Name = "validate_strategy", Title = "Validate a strategy config or definition", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Checks a strategy config before running it: the strategy id (a built-in or your own), every parameter's type and bounds, allowed values "
        + "(e.g. direction) and cross-parameter rules (e.g. fast_period < slow_period). Also checks a strategy definition (an object with rules) without "
        + "storing it. Answers valid with the parameters resolved with their defaults, or every problem naming the field (for rules also the column), "
        + "the value and what is allowed. Answer: a text line and a JSON resource {valid, strategy_id, errors, resolved_parameters}.")]
    public async Task<CallToolResult> ValidateStrategyAsync(
        ClaimsPrincipal caller,
        [Description("The config: {\"strategy_id\": \"sma_crossover\", \"parameters\": {\"fast_period\": 10, \"slow_period\": 20, \"direction\": \"long\"}}; "
            + "or a strategy definition {\"id\", \"name\", \"parameters\", \"constraints\", \"rules\"} as create_strategy takes.")]
        Dictionary<string, JsonElement> strategy_config,
        CancellationToken cancellationToken = default)
    {
        var view = await strategies.ValidateAsync(McpCaller.UserId(caller), JsonSerializer.SerializeToElement(strategy_config), cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.SerializeToNode(view, WorkflowJson.Options)!;
        string text = view.Valid
            ? $"Valid {view.StrategyId} config; resolved parameters: {string.Join(", ", view.ResolvedParameters!.Select(p => $"{p.Key}={p.Value?.ToJsonString() ?? "null"}"))}."
            : $"Invalid strategy config ({view.Errors.Count} problem{(view.Errors.Count == 1 ? "" : "s")}): {string.Join("; ", view.Errors.Select(e => e.ToString()))}";
        return ToolResults.Ok(text, ToolResults.Resource(ResourceUris.StrategyValidation, json));
    }

    [McpServerTool(Name = "create_strategy", Title = "Create your own strategy", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Stores a strategy of your own, written as rules, usable by its id wherever a built-in is (run_backtest, run_optimization with a grid "
        + "over its parameters, run_walk_forward, run_monte_carlo, run_portfolio_backtest, compare_strategies). " + LanguageGuide
        + " A bad definition is an error naming every problem by field and column (nothing is stored). Answer: a text line and the resource backtesting://strategies/{id} (the stored strategy).")]
    public async Task<CallToolResult> CreateStrategyAsync(
        ClaimsPrincipal caller,
        [Description("The definition: {\"id\", \"name\", \"description\", \"strategy_type\", \"parameters\", \"constraints\", \"rules\"}.")]
        Dictionary<string, JsonElement> definition,
        CancellationToken cancellationToken = default)
    {
        var view = await strategies.CreateAsync(McpCaller.UserId(caller), JsonSerializer.SerializeToElement(definition), cancellationToken).ConfigureAwait(false);
        string text = $"Created strategy {view.Id} ({view.Name}); parameters: "
            + (view.DefaultParameters.Count == 0 ? "none" : string.Join(", ", view.DefaultParameters.Select(p => $"{p.Key}={p.Value?.ToJsonString() ?? "null"}")))
            + $". Run it with run_backtest strategy_id='{view.Id}'.";
        return ToolResults.Ok(text, ToolResults.Resource(ResourceUris.Strategy(view.Id), JsonSerializer.SerializeToNode(view, WorkflowJson.Options)!));
    }

    [McpServerTool(Name = "delete_strategy", Title = "Delete your own strategy", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Deletes one of your own strategies (built-ins cannot be deleted); runs that used it are kept. Answer: a text line.")]
    public async Task<CallToolResult> DeleteStrategyAsync(
        ClaimsPrincipal caller,
        [Description("The id of one of your strategies (list_strategies, owner 'user').")]
        [StringLength(64, MinimumLength = 1)] string strategy_id,
        CancellationToken cancellationToken = default)
    {
        return await strategies.DeleteAsync(McpCaller.UserId(caller), strategy_id, cancellationToken).ConfigureAwait(false)
            ? ToolResults.Ok($"Deleted strategy {strategy_id}.")
            : ToolResults.Error($"delete_strategy: strategy_id '{strategy_id}' is not one of your strategies (built-ins cannot be deleted); list_strategies shows yours.");
    }

    internal static JsonObject CatalogJson(IReadOnlyList<StrategyView> list) =>
        new() { ["strategies"] = JsonSerializer.SerializeToNode(list, WorkflowJson.Options) };
}
