using System.Text.Json;
using System.Text.Json.Serialization;

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

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
