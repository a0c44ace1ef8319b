using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backtesting.Engine.Validation;

namespace Backtesting.Mcp.Schema;

/// <summary>
/// Checks tool arguments against the tool's input schema before the SDK binds them, so a wrong type or
/// value comes back naming the field and what is allowed instead of a bare binding failure. Covers the
/// schema keywords the tools use: required, properties, type, enum, minimum/maximum (inclusive and
/// exclusive), minLength/maxLength, pattern, items, minItems/maxItems.
/// </summary>
internal static class ToolArgumentValidator
{
    /// <summary>
    /// Every problem with <paramref name="arguments"/>. Normalizes them in place first: an optional argument
    /// sent as null is dropped (its default applies) and an integer written as 10.0 becomes 10.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(string toolName, JsonElement inputSchema, IDictionary<string, JsonElement> arguments)
    {
        var schema = JsonNode.Parse(inputSchema.GetRawText())!.AsObject();
        var properties = schema["properties"] as JsonObject ?? [];
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var errors = new List<ValidationError>();

        foreach (var name in arguments.Keys.ToArray())
        {
            if (properties[name] is not JsonObject property)
            {
                errors.Add(new ValidationError(name, Raw(arguments[name]), UnknownFields.Message(name, properties.Select(p => p.Key).ToArray(), $"an argument of {toolName}")));
                continue;
            }
            if (arguments[name].ValueKind == JsonValueKind.Null && !required.Contains(name) && !ToolSchemaRefiner.HasType(property, "null"))
            {
                arguments.Remove(name);
                continue;
            }
            if (Check(name, arguments[name], property, errors) is { } normalized)
                arguments[name] = normalized;
        }
        foreach (var name in required.Where(r => !arguments.ContainsKey(r)))
            errors.Add(new ValidationError(name, null, Describe(properties[name] as JsonObject) is { Length: > 0 } allowed ? "is required: " + allowed : "is required"));
        return errors;
    }

    /// <summary>Checks one value; returns a replacement when it was normalized.</summary>
    private static JsonElement? Check(string field, JsonElement value, JsonObject schema, List<ValidationError> errors)
    {
        JsonElement? replacement = null;
        if (!MatchesType(value, schema, out replacement))
        {
            errors.Add(new ValidationError(field, Raw(value), "must be " + Describe(schema)));
            return null;
        }
        var checkedValue = replacement ?? value;
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, JsonNode.Parse(checkedValue.GetRawText()))))
        {
            errors.Add(new ValidationError(field, Raw(value), "must be one of " + string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"))));
            return replacement;
        }
        switch (checkedValue.ValueKind)
        {
            case JsonValueKind.Number:
                CheckBounds(field, value, checkedValue.TryGetDouble(out double number) ? number : double.NaN, schema, errors);
                break;
            case JsonValueKind.String:
                int length = checkedValue.GetString()!.Length;
                if (Number(schema, "minLength") is { } minLength && length < minLength)
                    errors.Add(new ValidationError(field, Raw(value), $"must have at least {minLength} characters"));
                if (Number(schema, "maxLength") is { } maxLength && length > maxLength)
                    errors.Add(new ValidationError(field, Raw(value), $"must have at most {maxLength} characters"));
                if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(checkedValue.GetString()!, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
                    errors.Add(new ValidationError(field, Raw(value), $"must match the pattern {pattern.GetValue<string>()}"));
                break;
            case JsonValueKind.Array:
                int count = checkedValue.GetArrayLength();
                if (Number(schema, "minItems") is { } minItems && count < minItems)
                    errors.Add(new ValidationError(field, null, $"must have at least {minItems} items"));
                if (Number(schema, "maxItems") is { } maxItems && count > maxItems)
                    errors.Add(new ValidationError(field, null, $"must have at most {maxItems} items"));
                if (schema["items"] is JsonObject items)
                {
                    int i = 0;
                    foreach (var item in checkedValue.EnumerateArray())
                        Check($"{field}[{i++}]", item, items, errors);
                }
                break;
            case JsonValueKind.Object when schema["properties"] is JsonObject properties && !(schema["additionalProperties"] is JsonValue open && open.GetValueKind() == JsonValueKind.True):
                // typed objects (portfolio assets, comparison candidates): name the nested field, not the SDK's generic failure;
                // open objects (strategy parameters) are checked downstream by the strategy validator, which knows each strategy
                foreach (var property in checkedValue.EnumerateObject())
                {
                    if (properties[property.Name] is JsonObject propertySchema)
                    {
                        if (property.Value.ValueKind != JsonValueKind.Null || !ToolSchemaRefiner.HasType(propertySchema, "null"))
                            Check($"{field}.{property.Name}", property.Value, propertySchema, errors);
                    }
                    else if (schema["additionalProperties"] is JsonValue extra && extra.GetValueKind() == JsonValueKind.False)
                        errors.Add(new ValidationError($"{field}.{property.Name}", Raw(property.Value), $"is not a field here; allowed: {string.Join(", ", properties.Select(p => p.Key))}"));
                }
                foreach (var name in (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()) ?? [])
                    if (!checkedValue.TryGetProperty(name, out _))
                        errors.Add(new ValidationError($"{field}.{name}", null, "is required"));
                break;
        }
        return replacement;
    }

    private static void CheckBounds(string field, JsonElement raw, double value, JsonObject schema, List<ValidationError> errors)
    {
        bool ok = double.IsFinite(value)
            && (Number(schema, "minimum") is not { } min || value >= min)
            && (Number(schema, "exclusiveMinimum") is not { } xmin || value > xmin)
            && (Number(schema, "maximum") is not { } max || value <= max)
            && (Number(schema, "exclusiveMaximum") is not { } xmax || value < xmax);
        if (!ok) errors.Add(new ValidationError(field, Raw(raw), "must be " + Describe(schema)));
    }

    private static bool MatchesType(JsonElement value, JsonObject schema, out JsonElement? replacement)
    {
        replacement = null;
        var types = schema["type"] switch
        {
            JsonValue v => [v.GetValue<string>()],
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToArray(),
            _ => Array.Empty<string>(),
        };
        if (types.Length == 0) return true;
        foreach (var type in types)
        {
            switch (type)
            {
                case "null" when value.ValueKind == JsonValueKind.Null:
                case "string" when value.ValueKind == JsonValueKind.String:
                case "number" when value.ValueKind == JsonValueKind.Number:
                case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                case "object" when value.ValueKind == JsonValueKind.Object:
                case "array" when value.ValueKind == JsonValueKind.Array:
                    return true;
                case "integer" when value.ValueKind == JsonValueKind.Number:
                    if (value.TryGetInt64(out _)) return true;
                    if (value.TryGetDouble(out double d) && double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9e15)
                    {
                        replacement = JsonSerializer.SerializeToElement((long)d);
                        return true;
                    }
                    break;
            }
        }
        return false;
    }

    /// <summary>What a schema allows, in words: "an integer in [0, 120]", "one of 'a', 'b'".</summary>
    private static string Describe(JsonObject? schema)
    {
        if (schema is null) return "";
        if (schema["enum"] is JsonArray allowed)
            return "one of " + string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"));
        var types = schema["type"] switch
        {
            JsonValue v => [v.GetValue<string>()],
            JsonArray a => a.Select(t => t!.GetValue<string>()).ToArray(),
            _ => Array.Empty<string>(),
        };
        string words = string.Join(" or ", types.Where(t => t != "null").Select(t => t switch
        {
            "integer" => "an integer",
            "number" => "a number",
            "string" => "a string",
            "boolean" => "true or false",
            "object" => "a JSON object",
            "array" => schema["items"] is JsonObject items && items["enum"] is JsonArray e
                ? "an array of " + string.Join(", ", e.Select(x => x?.ToJsonString()))
                : "an array",
            _ => t,
        }));
        string? lower = Number(schema, "minimum") is { } min ? "[" + F(min) : Number(schema, "exclusiveMinimum") is { } xmin ? "(" + F(xmin) : null;
        string? upper = Number(schema, "maximum") is { } max ? F(max) + "]" : Number(schema, "exclusiveMaximum") is { } xmax ? F(xmax) + ")" : null;
        if (lower is not null && upper is not null) words += $" in {lower}, {upper}";
        else if (lower is not null) words += (lower[0] == '[' ? " >= " : " > ") + lower[1..];
        else if (upper is not null) words += (upper[^1] == ']' ? " <= " : " < ") + upper[..^1];
        return words;
    }

    private static double? Number(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Raw(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
