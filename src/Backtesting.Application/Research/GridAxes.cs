using System.Globalization;
using System.Text.Json;
using Backtesting.Engine.Optimization;

namespace Backtesting.Application.Research;

/// <summary>Grid axes from JSON: [values], {"start","stop","step"} or "start:stop:step" / "a,b,c".</summary>
public static class GridAxes
{
    public static ParameterAxis Parse(string name, JsonElement spec)
    {
        switch (spec.ValueKind)
        {
            case JsonValueKind.Array:
                var values = spec.EnumerateArray().Select(Scalar).ToArray();
                if (values.Length == 0) throw new FormatException($"grid.{name}: the list is empty");
                return new ParameterAxis(name, values);
            case JsonValueKind.Object:
                double start = Number(spec, "start", name), stop = Number(spec, "stop", name), step = Number(spec, "step", name);
                return ParameterAxis.Range(name, start, stop, step);
            case JsonValueKind.String:
                return ParameterAxis.Parse(name, spec.GetString()!);
            case JsonValueKind.Number:
                return new ParameterAxis(name, [spec.GetDouble()]);
            default:
                throw new FormatException($"grid.{name}: expected a list of values, {{\"start\", \"stop\", \"step\"}} or \"start:stop:step\"");
        }
    }

    private static object Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString()!,
        _ => throw new FormatException($"grid value {e.GetRawText()} must be a number, boolean or string"),
    };

    private static double Number(JsonElement spec, string field, string name) =>
        spec.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new FormatException($"grid.{name}.{field}: required number (got {(spec.TryGetProperty(field, out var bad) ? bad.GetRawText() : "nothing")})");

    internal static string Format(double v) => v.ToString(CultureInfo.InvariantCulture);
}
