using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Views;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Strategies;

/// <summary>The strategy catalog and config validation, as every host exposes them.</summary>
public sealed class StrategyService(IOptions<BacktestingLimits> limits)
{
    public IReadOnlyList<StrategyView> List() => StrategyCatalog.All.Select(ToView).ToArray();

    public StrategyView? Get(string id) => StrategyCatalog.Find(id) is { } s ? ToView(s) : null;

    /// <summary>
    /// Validates {"strategy_id": ..., "parameters": {...}} and returns every problem, or the parameters
    /// resolved with defaults. A config that is not an object is itself one error.
    /// </summary>
    public ValidationView Validate(JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } obj)
            return new ValidationView(false, null, [new ValidationError("strategy_config", ErrorEchoLimits.Clip(config?.GetRawText()), "must be an object like {\"strategy_id\": \"sma_crossover\", \"parameters\": {\"fast_period\": 10}}")], null);
        string? id = obj.TryGetProperty("strategy_id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var errors = new List<ValidationError>();
        Dictionary<string, JsonElement>? parameters = null;
        if (obj.TryGetProperty("parameters", out var p))
        {
            if (p.ValueKind == JsonValueKind.Object)
                parameters = p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone());
            else if (p.ValueKind != JsonValueKind.Null)
                errors.Add(new ValidationError("parameters", p.GetRawText(), "must be an object of parameter names to values"));
        }
        foreach (var property in obj.EnumerateObject())
            if (property.Name is not ("strategy_id" or "parameters"))
                errors.Add(new ValidationError(property.Name, property.Value.GetRawText(), "is not a field of a strategy config; allowed: strategy_id, parameters"));
        if (!BacktestRequestValidator.CheckParameterCount(parameters, limits.Value, errors)) return new ValidationView(false, id, errors, null);
        var result = StrategyConfigValidator.Validate(id ?? (idElement.ValueKind == JsonValueKind.Undefined ? null : idElement.GetRawText()), parameters);
        errors.AddRange(result.Errors);
        if (errors.Count > 0)
        {
            var (listed, omitted) = ErrorEchoLimits.Cap(errors);
            return new ValidationView(false, id, omitted > 0 ? [.. listed, new ValidationError("strategy_config", null, ErrorEchoLimits.MoreSuffix(omitted).TrimStart(';', ' '))] : listed, null);
        }
        var resolved = new JsonObject();
        foreach (var definition in result.Config!.Definition.Parameters)
            resolved[definition.Name] = ToJson(definition, result.Config.Parameters.Values[definition.Name]);
        return new ValidationView(true, id, [], resolved);
    }

    public static StrategyView ToView(StrategyDefinition s)
    {
        var defaults = new JsonObject();
        foreach (var p in s.Parameters)
            defaults[p.Name] = ToJson(p, p.Default);
        return new StrategyView(s.Id, s.Name, s.Description, s.StrategyType, s.ParametersSchema(), defaults);
    }

    private static JsonNode? ToJson(ParameterDefinition p, object? value) => value switch
    {
        null => null,
        double d when p.Type == ParameterType.Integer => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(value.ToString()),
    };
}
