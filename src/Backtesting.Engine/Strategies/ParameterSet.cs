namespace Backtesting.Engine.Strategies;

/// <summary>Validated, typed parameter values with every default filled in.</summary>
public sealed class ParameterSet
{
    private readonly Dictionary<string, object?> _values;

    public ParameterSet(IReadOnlyDictionary<string, object?> values) => _values = new Dictionary<string, object?>(values);

    /// <summary>Every value: double for numbers and integers, bool, string for enums, null for optional features that are off.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    public int GetInt(string name) => (int)GetDouble(name);

    public double GetDouble(string name) => _values[name] is double d ? d : throw Missing(name, "number");

    public double? GetNullableDouble(string name) => _values.TryGetValue(name, out var v) ? v as double? : null;

    public bool GetBool(string name) => _values[name] is bool b ? b : throw Missing(name, "boolean");

    public string GetString(string name) => _values[name] as string ?? throw Missing(name, "string");

    /// <summary>A copy with some values replaced (values already validated by the caller).</summary>
    public ParameterSet With(IReadOnlyDictionary<string, object?> overrides)
    {
        var copy = new Dictionary<string, object?>(_values);
        foreach (var (key, value) in overrides) copy[key] = value;
        return new ParameterSet(copy);
    }

    private static KeyNotFoundException Missing(string name, string type) => new($"parameter '{name}' is not a {type}");
}
