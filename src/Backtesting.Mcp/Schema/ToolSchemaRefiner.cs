using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Runs;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Strategies;

namespace Backtesting.Mcp.Schema;

/// <summary>
/// Completes the input schema the SDK derives from a tool method: run-time enums from
/// <see cref="SchemaValuesAttribute"/>, the strategy parameters object, and exclusive lower bounds
/// (the schema generator drops an exclusive minimum of 0).
/// </summary>
internal static class ToolSchemaRefiner
{
    public static JsonElement Refine(JsonElement schema, MethodInfo method)
    {
        var root = JsonNode.Parse(schema.GetRawText())!.AsObject();
        if (root["properties"] is not JsonObject properties) return schema;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.Name is not { } name || properties[name] is not JsonObject property) continue;
            if (parameter.GetCustomAttribute<SchemaValuesAttribute>() is { } values)
                Apply(property, values.Values);
            if (parameter.GetCustomAttribute<RangeAttribute>() is { MinimumIsExclusive: true, Minimum: var min }
                && property["minimum"] is null && property["exclusiveMinimum"] is null)
                property["exclusiveMinimum"] = Convert.ToDouble(min, CultureInfo.InvariantCulture);
        }
        return JsonSerializer.SerializeToElement(root);
    }

    private static void Apply(JsonObject property, SchemaValues values)
    {
        switch (values)
        {
            case SchemaValues.StrategyIds: SetStrategyId(property); break;
            case SchemaValues.MetricNames: SetEnum(property, MetricNames.All); break;
            case SchemaValues.RunStatuses: SetEnum(property, RunStatus.All); break;
            case SchemaValues.RunKinds: SetEnum(property, RunKind.All); break;
            case SchemaValues.Timeframes: SetEnum(property, BacktestRequestValidator.Timeframes); break;
            case SchemaValues.StrategyParameters: SetStrategyParameters(property); break;
        }
    }

    /// <summary>enum on the value, or on the items of an array; null stays allowed where the type allows it.</summary>
    private static void SetEnum(JsonObject property, IReadOnlyList<string> allowed)
    {
        if (HasType(property, "array"))
        {
            var items = property["items"] as JsonObject ?? new JsonObject { ["type"] = "string" };
            items["enum"] = new JsonArray(allowed.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            property["items"] = items;
            return;
        }
        var values = allowed.Select(v => (JsonNode?)JsonValue.Create(v)).ToList();
        if (HasType(property, "null")) values.Add(null);
        property["enum"] = new JsonArray(values.ToArray());
    }

    /// <summary>
    /// A built-in id or one of the caller's own strategies (which differ per user, so no enum): the id pattern,
    /// the built-ins as examples and in the description.
    /// </summary>
    private static void SetStrategyId(JsonObject property)
    {
        property["pattern"] = "^[a-z][a-z0-9_]{2,63}$";
        property["examples"] = new JsonArray(StrategyCatalog.Ids.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        property["description"] = $"{property["description"]?.GetValue<string>()} A built-in ({string.Join(", ", StrategyCatalog.Ids)}) "
            + "or the id of one of your own strategies (create_strategy; list_strategies lists both).".TrimStart();
    }

    private static void SetStrategyParameters(JsonObject property)
    {
        var common = StrategyCatalog.All[0].ParametersSchema()["properties"]!.AsObject();
        var properties = new JsonObject();
        foreach (var p in CommonParameters.All)
            properties[p.Name] = common[p.Name]!.DeepClone();
        property["properties"] = properties;
        property["additionalProperties"] = true;
        string own = string.Join("; ", StrategyCatalog.All.Select(s => s.OwnParameters.Count == 0
            ? $"{s.Id}: none"
            : $"{s.Id}: " + string.Join(", ", s.OwnParameters.Select(p => $"{p.Name} ({p.Allowed}, default {Format(p.Default)})"))));
        property["description"] = "Strategy parameters by name; omitted ones take their defaults. Every strategy takes the common parameters listed "
            + "under properties (position_size, direction, stop_loss_pct, take_profit_pct, fractional, fill, commission, slippage_bps, close_at_end). "
            + "Each strategy's own parameters: " + own + ". Unknown names are rejected. list_strategies gives every schema.";
    }

    private static string Format(object? value) => value switch
    {
        null => "off",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>() == type,
        JsonArray a => a.Any(t => t?.GetValue<string>() == type),
        _ => false,
    };
}
