using System.Globalization;

namespace Backtesting.Engine.Strategies;

/// <summary>One parameter: its type, default, bounds (inclusive unless marked exclusive) or allowed values.</summary>
public sealed record ParameterDefinition
{
    public required string Name { get; init; }
    public required ParameterType Type { get; init; }
    public required string Description { get; init; }

    /// <summary>Default value (double, bool or string); null for optional parameters that are off by default.</summary>
    public object? Default { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public bool ExclusiveMinimum { get; init; }
    public bool ExclusiveMaximum { get; init; }
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>True when null is accepted (the feature is off).</summary>
    public bool Nullable { get; init; }

    /// <summary>What the parameter accepts, in words, for error messages.</summary>
    public string Allowed
    {
        get
        {
            string text = Type switch
            {
                ParameterType.Enum => "one of " + string.Join(", ", AllowedValues!.Select(v => $"'{v}'")),
                ParameterType.Boolean => "true or false",
                _ => (Type == ParameterType.Integer ? "an integer" : "a number") + Bounds(),
            };
            return Nullable ? text + " (or null to turn it off)" : text;
        }
    }

    private string Bounds()
    {
        string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        return (Minimum, Maximum) switch
        {
            ({ } lo, { } hi) => $" in {(ExclusiveMinimum ? "(" : "[")}{F(lo)}, {F(hi)}{(ExclusiveMaximum ? ")" : "]")}",
            ({ } lo, null) => $" {(ExclusiveMinimum ? ">" : ">=")} {F(lo)}",
            (null, { } hi) => $" {(ExclusiveMaximum ? "<" : "<=")} {F(hi)}",
            _ => "",
        };
    }

    public static ParameterDefinition Integer(string name, int @default, int min, int max, string description) => new()
    {
        Name = name, Type = ParameterType.Integer, Default = (double)@default, Minimum = min, Maximum = max, Description = description,
    };

    public static ParameterDefinition Number(string name, double? @default, double min, double max, string description,
        bool exclusiveMin = false, bool exclusiveMax = false, bool nullable = false) => new()
    {
        Name = name, Type = ParameterType.Number, Default = @default, Minimum = min, Maximum = max, Description = description,
        ExclusiveMinimum = exclusiveMin, ExclusiveMaximum = exclusiveMax, Nullable = nullable,
    };

    public static ParameterDefinition Boolean(string name, bool @default, string description) => new()
    {
        Name = name, Type = ParameterType.Boolean, Default = @default, Description = description,
    };

    public static ParameterDefinition Choice(string name, string @default, IReadOnlyList<string> allowed, string description) => new()
    {
        Name = name, Type = ParameterType.Enum, Default = @default, AllowedValues = allowed, Description = description,
    };
}
