using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backtesting.Engine.Metrics;

namespace Backtesting.Application.Json;

/// <summary>
/// Reads a request's risk_free_rate: a number, or a named literal ("NaN", "Infinity") that the range check
/// then rejects with the value; any other text fails naming what is allowed, not the CLR type.
/// </summary>
public sealed class RiskFreeRateJsonConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.GetDouble();
        if (reader.TokenType == JsonTokenType.String)
        {
            string text = reader.GetString()!;
            if (text is "NaN" or "Infinity" or "-Infinity") return double.Parse(text, CultureInfo.InvariantCulture);
            throw new JsonException($"value '{text}' is not a number; it must be {RiskFreeRate.Allowed}");
        }
        throw new JsonException($"a {reader.TokenType} is not a number; it must be {RiskFreeRate.Allowed}");
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}
