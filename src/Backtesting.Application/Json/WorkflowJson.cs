using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Backtesting.Application.Json;

/// <summary>One serializer setting for workflow payloads, journal entries and API bodies: snake_case, enums as strings.</summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static object? Deserialize(string json, Type type) => JsonSerializer.Deserialize(json, type, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>Converts an object (possibly a JsonElement from a runtime's converter) to <paramref name="type"/>.</summary>
    public static object? Convert(object? value, Type type) => value switch
    {
        null => null,
        _ when type.IsInstanceOfType(value) => value,
        JsonElement element => element.Deserialize(type, Options),
        string s when type != typeof(string) => JsonSerializer.Deserialize(s, type, Options),
        _ => JsonSerializer.Deserialize(JsonSerializer.Serialize(value, Options), type, Options),
    };

    /// <summary>
    /// Gives <paramref name="options"/> (created with <see cref="JsonSerializerDefaults.Web"/>) the same settings, e.g. a
    /// web host's JSON options, so its typed results and its OpenAPI document use the wire format. The per-run path's types
    /// resolve from generated contracts (<see cref="BacktestRunJsonContext"/>) first, every other type by reflection.
    /// </summary>
    public static void ApplyTo(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        // a web host's options already end with the reflection resolver; new options have no resolver yet
        if (options.TypeInfoResolverChain.Count == 0) options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        options.TypeInfoResolverChain.Insert(0, BacktestRunJsonContext.Default);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApplyTo(options);
        options.MakeReadOnly();
        return options;
    }
}
