using System.Globalization;
using System.Text.Json;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Validation;

/// <summary>
/// Checks a strategy id and its parameters against the catalog and returns every problem at once,
/// each with its field path, the bad value and what is allowed. The API, MCP tools and CLI all call this.
/// </summary>
public static class StrategyConfigValidator
{
    /// <summary>The outcome: either a config or a non-empty error list.</summary>
    public sealed record Result(StrategyConfig? Config, IReadOnlyList<ValidationError> Errors)
    {
        public bool IsValid => Errors.Count == 0;

        /// <summary>The config, or a <see cref="ValidationException"/> with every error.</summary>
        public StrategyConfig GetConfigOrThrow() => Config ?? throw new ValidationException(Errors);
    }

    /// <summary>
    /// Validates parameters given as JSON values (missing ones take their defaults) of the strategy
    /// <paramref name="strategyId"/> names among <paramref name="strategies"/> (null: the built-ins).
    /// </summary>
    public static Result Validate(string? strategyId, IReadOnlyDictionary<string, JsonElement>? parameters, string fieldPrefix = "", StrategyLookup? strategies = null)
    {
        strategies ??= StrategyLookup.BuiltIns;
        var definition = strategies.Find(strategyId);
        if (definition is null)
            return new Result(null, [UnknownStrategy(strategyId, strategies, fieldPrefix + "strategy_id")]);
        return Validate(definition, parameters, fieldPrefix);
    }

    /// <summary>The error for a strategy id that names no strategy of <paramref name="strategies"/>, listing those that exist.</summary>
    public static ValidationError UnknownStrategy(string? strategyId, StrategyLookup strategies, string field = "strategy_id")
    {
        ArgumentNullException.ThrowIfNull(strategies);
        string allowed = string.Join(", ", strategies.Ids);
        return new ValidationError(field, strategyId is null ? null : Quote(strategyId),
            strategyId is null ? $"is required; allowed: {allowed}" : $"is not a known strategy; allowed: {allowed}");
    }

    /// <summary>Validates parameters of a given definition (a built-in or a rules strategy); missing ones take their defaults.</summary>
    public static Result Validate(StrategyDefinition definition, IReadOnlyDictionary<string, JsonElement>? parameters, string fieldPrefix = "")
    {
        var errors = new List<ValidationError>();
        var values = new Dictionary<string, object?>();
        foreach (var p in definition.Parameters)
            values[p.Name] = p.Default;

        if (parameters is not null)
        {
            foreach (var (name, element) in parameters)
            {
                string field = $"{fieldPrefix}parameters.{name}";
                var p = definition.FindParameter(name);
                if (p is null)
                {
                    errors.Add(new ValidationError(field, Render(element),
                        $"is not a parameter of {definition.Id}; allowed: {string.Join(", ", definition.Parameters.Select(x => x.Name))}"));
                    continue;
                }
                if (TryConvert(p, element, definition, out object? value, out string? problem))
                    values[name] = value;
                else
                    errors.Add(new ValidationError(field, Render(element), problem!));
            }
        }
        // cross-parameter rules run even when another parameter failed, so every problem is reported at once;
        // a failed parameter keeps its default here, so a rule that involves one would judge a value nobody sent: left out
        var failed = errors.Select(e => e.Field[(fieldPrefix.Length + "parameters.".Length)..]).ToHashSet();
        var set = new ParameterSet(values);
        foreach (var rule in definition.CheckRules(set))
            if (!failed.Any(name => Mentions(rule, name)))
                errors.Add(rule with { Field = fieldPrefix + rule.Field });
        return errors.Count > 0 ? new Result(null, errors) : new Result(new StrategyConfig(definition, set), errors);
    }

    /// <summary>Whether a rule's error names <paramref name="parameter"/> as a whole word (in its field, value or message).</summary>
    private static bool Mentions(ValidationError error, string parameter) =>
        System.Text.RegularExpressions.Regex.IsMatch($"{error.Field} {error.Value} {error.Message}",
            $@"(?<![A-Za-z0-9_]){System.Text.RegularExpressions.Regex.Escape(parameter)}(?![A-Za-z0-9_])");

    /// <summary>Validates parameters given as plain .NET values or JSON elements.</summary>
    public static Result Validate(string? strategyId, IReadOnlyDictionary<string, object?>? parameters, string fieldPrefix = "", StrategyLookup? strategies = null) =>
        Validate(strategyId, parameters?.ToDictionary(kv => kv.Key, kv => kv.Value as JsonElement? ?? JsonSerializer.SerializeToElement(kv.Value)), fieldPrefix, strategies);

    /// <summary>Validates plain .NET values or JSON elements for a given definition.</summary>
    public static Result Validate(StrategyDefinition definition, IReadOnlyDictionary<string, object?>? parameters, string fieldPrefix = "") =>
        Validate(definition, parameters?.ToDictionary(kv => kv.Key, kv => kv.Value as JsonElement? ?? JsonSerializer.SerializeToElement(kv.Value)), fieldPrefix);

    private static bool TryConvert(ParameterDefinition p, JsonElement element, StrategyDefinition definition, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (p.Nullable) return true;
            problem = $"must not be null; expected {p.Allowed}";
            return false;
        }
        switch (p.Type)
        {
            case ParameterType.Boolean:
                if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = element.GetBoolean();
                    return true;
                }
                problem = $"has the wrong type ({Kind(element)}); expected {p.Allowed}";
                return false;
            case ParameterType.Enum:
                var allowed = p.Name == CommonParameters.Direction ? definition.AllowedDirections : p.AllowedValues!;
                if (element.ValueKind == JsonValueKind.String && allowed.Contains(element.GetString()))
                {
                    value = element.GetString();
                    return true;
                }
                problem = $"is not allowed; expected one of {string.Join(", ", allowed.Select(Quote))}";
                return false;
            default:
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double number) || !double.IsFinite(number))
                {
                    problem = $"has the wrong type ({Kind(element)}); expected {p.Allowed}";
                    return false;
                }
                if (p.Type == ParameterType.Integer && number != Math.Floor(number))
                {
                    problem = $"is not an integer; expected {p.Allowed}";
                    return false;
                }
                bool tooLow = p.Minimum is { } min && (p.ExclusiveMinimum ? number <= min : number < min);
                bool tooHigh = p.Maximum is { } max && (p.ExclusiveMaximum ? number >= max : number > max);
                if (tooLow || tooHigh)
                {
                    problem = $"is out of bounds; expected {p.Allowed}";
                    return false;
                }
                value = number;
                return true;
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static string Render(JsonElement e) => e.ValueKind == JsonValueKind.Undefined ? "undefined" : e.GetRawText();

    private static string Quote(string? s) => $"'{s}'";

    internal static string Format(double v) => v.ToString(CultureInfo.InvariantCulture);
}
