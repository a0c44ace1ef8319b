using System.Globalization;

namespace Backtesting.Engine.Optimization;

/// <summary>One optimized parameter and the values it takes (a range or a list).</summary>
public sealed record ParameterAxis(string Name, IReadOnlyList<object> Values)
{
    /// <summary>START..STOP (inclusive) by STEP, computed as START + k x STEP so no float drift accumulates.</summary>
    public static ParameterAxis Range(string name, double start, double stop, double step)
    {
        if (!(step > 0) || !double.IsFinite(step)) throw new ArgumentOutOfRangeException(nameof(step), step, $"grid {name}: step must be > 0");
        if (stop < start) throw new ArgumentOutOfRangeException(nameof(stop), stop, $"grid {name}: stop must be >= start {start}");
        var values = new List<object>();
        long count = (long)Math.Floor((stop - start) / step + 1e-9) + 1;
        if (count > 1_000_000) throw new ArgumentOutOfRangeException(nameof(step), step, $"grid {name}: more than 1,000,000 values");
        for (long k = 0; k < count; k++)
            values.Add(Math.Round(start + k * step, 10));
        return new ParameterAxis(name, values);
    }

    /// <summary>Parses "START:STOP:STEP" or "a,b,c" (numbers, true/false or words).</summary>
    public static ParameterAxis Parse(string name, string spec)
    {
        string[] parts = spec.Split(':');
        if (parts.Length == 3)
        {
            if (!TryNumber(parts[0], out double start) || !TryNumber(parts[1], out double stop) || !TryNumber(parts[2], out double step))
                throw new FormatException($"grid {name}: '{spec}' is not START:STOP:STEP with numbers");
            return Range(name, start, stop, step);
        }
        return new ParameterAxis(name, spec.Split(',').Select(s => ParseScalar(s.Trim())).ToArray());
    }

    /// <summary>A command-line value as a JSON-like scalar: bool, null, number or string.</summary>
    public static object ParseScalar(string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ when TryNumber(text, out double d) => d,
        _ => text,
    };

    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
