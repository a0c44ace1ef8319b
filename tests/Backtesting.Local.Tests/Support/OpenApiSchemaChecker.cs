using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.1 document, structurally: $ref (JSON pointers into the
/// document), type (one or a list, "integer" only for whole numbers), enum, properties with required, items,
/// additionalProperties, oneOf/anyOf/allOf. An object schema that lists properties and says nothing about
/// additionalProperties is closed: an undocumented property is a mismatch. An object schema that lists neither
/// properties nor additionalProperties (what a JsonObject is described as) describes nothing: a non-empty object
/// there is a mismatch, except under the names of user-defined data (<see cref="FreeFormProperties"/>).
/// Returns every mismatch with its path.
/// </summary>
public sealed partial class OpenApiSchemaChecker(JsonNode document)
{
    /// <summary>Keywords of JSON Schema, the vocabulary of a strategy's parameters_schema (data the API returns, not its own names).</summary>
    private static readonly HashSet<string> JsonSchemaKeywords =
        ["additionalProperties", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "multipleOf", "uniqueItems", "$schema", "$ref"];

    /// <summary>
    /// Properties whose values are the user's own data, free-form by nature: a strategy's parameters (names chosen by its
    /// author), a grid over them, their JSON schema and the strategy's definition.
    /// </summary>
    private static readonly HashSet<string> FreeFormProperties = ["parameters", "params", "best_params", "grid", "parameter_grid", "default_parameters", "resolved_parameters", "parameters_schema", "definition"];

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    /// <summary>A property name as the wire spells them: snake_case.</summary>
    public static bool IsWireName(string name) => SnakeCase().IsMatch(name);

    /// <summary>Every object key in <paramref name="value"/> that is not a wire name, with its path (JSON Schema keywords inside a parameters_schema aside).</summary>
    public static IEnumerable<string> NonWireNames(JsonNode? value, string path = "$") => value switch
    {
        JsonObject o => o.SelectMany(p => (IsWireName(p.Key) || IsSchemaKeyword(path, p.Key) ? [] : new[] { $"{path}.{p.Key}" }).Concat(NonWireNames(p.Value, $"{path}.{p.Key}"))),
        JsonArray a => a.SelectMany((item, i) => NonWireNames(item, $"{path}[{i}]")),
        _ => [],
    };

    private static bool IsSchemaKeyword(string path, string name) => path.Contains(".parameters_schema", StringComparison.Ordinal) && JsonSchemaKeywords.Contains(name);

    /// <summary>Every mismatch of <paramref name="value"/>; <paramref name="openObjectsAllowed"/> accepts any object where the schema lists no property.</summary>
    public List<string> Check(JsonNode? value, JsonNode schema, bool openObjectsAllowed = false)
    {
        var errors = new List<string>();
        _openObjectsAllowed = openObjectsAllowed;
        CheckInto(value, schema, "$", errors, depth: 0);
        return errors;
    }

    private bool _openObjectsAllowed;

    public JsonNode Resolve(JsonNode schema)
    {
        int hops = 0;
        while (schema is JsonObject o && o["$ref"] is { } reference)
        {
            string pointer = (string)reference!;
            if (!pointer.StartsWith("#/", StringComparison.Ordinal) || ++hops > 32) throw new InvalidOperationException($"unsupported $ref {pointer}");
            JsonNode? target = document;
            foreach (string part in pointer[2..].Split('/'))
                target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            schema = target ?? throw new InvalidOperationException($"dangling $ref {pointer}");
        }
        return schema;
    }

    private void CheckInto(JsonNode? value, JsonNode rawSchema, string path, List<string> errors, int depth)
    {
        if (depth > 64) throw new InvalidOperationException($"schema nesting too deep at {path}");
        var schema = Resolve(rawSchema).AsObject();
        if (schema["allOf"] is JsonArray all)
            foreach (var part in all) CheckInto(value, part!, path, errors, depth + 1);
        foreach (string key in new[] { "oneOf", "anyOf" })
        {
            if (schema[key] is not JsonArray alternatives) continue;
            var results = alternatives.Select(alt => { var e = new List<string>(); CheckInto(value, alt!, path, e, depth + 1); return e; }).ToList();
            if (!results.Any(r => r.Count == 0))
                errors.Add($"{path}: matches none of {key}: " + string.Join(" | ", results.Select(r => string.Join("; ", r))));
        }
        var kind = KindOf(value);
        if (schema["type"] is { } typeNode)
        {
            var allowed = typeNode is JsonArray list ? list.Select(t => (string)t!).ToHashSet() : [(string)typeNode!];
            bool ok = allowed.Contains(kind) || (kind == "integer" && allowed.Contains("number"));
            if (!ok)
            {
                errors.Add($"{path}: is {kind}, the document says {typeNode.ToJsonString()}");
                return;
            }
        }
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {values.ToJsonString()}");
        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            if (!_openObjectsAllowed && obj.Count > 0 && properties is null && schema["additionalProperties"] is null && !IsFreeForm(path)
                && schema["allOf"] is null && schema["oneOf"] is null && schema["anyOf"] is null)
                errors.Add($"{path}: the document describes this object without its properties (an open object), so its properties ({string.Join(", ", obj.Select(p => p.Key).Take(5))}{(obj.Count > 5 ? ", ..." : "")}) are undocumented");
            foreach (var name in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
                if (!obj.ContainsKey(name)) errors.Add($"{path}: required property '{name}' is missing");
            foreach (var (name, child) in obj)
            {
                if (properties?[name] is { } propertySchema)
                    CheckInto(child, propertySchema, $"{path}.{name}", errors, depth + 1);
                else if (schema["additionalProperties"] is JsonObject extra)
                    CheckInto(child, extra, $"{path}.{name}", errors, depth + 1);
                else if (schema["additionalProperties"] is JsonValue closed && !(bool)closed)
                    errors.Add($"{path}: property '{name}' is not allowed");
                else if (properties is not null && schema["additionalProperties"] is null)
                    errors.Add($"{path}: property '{name}' is not in the document");
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
            for (int i = 0; i < array.Count; i++) CheckInto(array[i], items, $"{path}[{i}]", errors, depth + 1);
    }

    /// <summary>True when the value at <paramref name="path"/> is (inside) a property of <see cref="FreeFormProperties"/>.</summary>
    private static bool IsFreeForm(string path) =>
        path.Split('.').Select(part => part.Split('[')[0]).Any(FreeFormProperties.Contains);

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "integer" : "number",
            _ => "null",
        },
        _ => throw new InvalidOperationException($"unexpected JSON node {value.GetType().Name}"),
    };
}
