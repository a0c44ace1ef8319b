using System.Globalization;

namespace Backtesting.Engine.Tests.Reference;

/// <summary>Reads a run's parameters for the reference model, with the defaults the README and DESIGN state.</summary>
public sealed class ReferenceParameters(IReadOnlyDictionary<string, object?> values)
{
    public double Number(string name, double fallback) =>
        values.TryGetValue(name, out var v) && v is not null ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : fallback;

    public int Integer(string name, int fallback) => (int)Number(name, fallback);

    public string Text(string name, string fallback) => values.TryGetValue(name, out var v) && v is string s ? s : fallback;

    public bool Flag(string name) => values.TryGetValue(name, out var v) && v is true;

    public bool Has(string name) => values.TryGetValue(name, out var v) && v is not null;
}
