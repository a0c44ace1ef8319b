using System.Text.Json.Nodes;
using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Strategies;

/// <summary>
/// A strategy: identity, parameters with their schema and defaults, cross-parameter rules, and its
/// signal kernel, which is the one definition of its signals for single runs and research alike.
/// </summary>
public sealed class StrategyDefinition
{
    private readonly Func<BarSeries, IndicatorSeriesCache, ISignalKernel> _kernel;
    private readonly Func<ParameterSet, IEnumerable<ValidationError>> _rules;

    /// <summary>A strategy that generates its own signals: <paramref name="factory"/> builds it per parameter set.</summary>
    public StrategyDefinition(
        string id, string name, string description, string strategyType,
        IReadOnlyList<ParameterDefinition> parameters,
        Func<ParameterSet, IStrategy> factory,
        Func<ParameterSet, IEnumerable<ValidationError>>? rules = null,
        IReadOnlyList<string>? directions = null)
        : this(id, name, description, strategyType, parameters, (_, _) => null!, rules, directions)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _kernel = (bars, _) => new StrategySignalKernel(this, factory, bars);
    }

    /// <summary>A strategy defined by its signal kernel (every built-in: see the strategy folders).</summary>
    internal StrategyDefinition(
        string id, string name, string description, string strategyType,
        IReadOnlyList<ParameterDefinition> parameters,
        Func<BarSeries, IndicatorSeriesCache, ISignalKernel> kernel,
        Func<ParameterSet, IEnumerable<ValidationError>>? rules = null,
        IReadOnlyList<string>? directions = null)
    {
        Id = id;
        Name = name;
        Description = description;
        StrategyType = strategyType;
        OwnParameters = parameters;
        Parameters = [.. parameters, .. CommonParameters.All];
        AllowedDirections = directions ?? CommonParameters.Directions;
        _kernel = kernel;
        _rules = rules ?? (_ => []);
    }

    public string Id { get; }
    public string Name { get; }
    public string Description { get; }
    public string StrategyType { get; }

    /// <summary>The strategy's own parameters (without the common ones).</summary>
    public IReadOnlyList<ParameterDefinition> OwnParameters { get; }

    /// <summary>Own parameters followed by the common ones.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    public IReadOnlyList<string> AllowedDirections { get; }

    public ParameterDefinition? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>Every parameter with its default value.</summary>
    public IReadOnlyDictionary<string, object?> DefaultParameters =>
        Parameters.ToDictionary(p => p.Name, p => p.Type == ParameterType.Integer && p.Default is double d ? (object)(long)d : p.Default);

    /// <summary>Cross-parameter rules (e.g. fast_period &lt; slow_period) on otherwise valid values.</summary>
    public IEnumerable<ValidationError> CheckRules(ParameterSet parameters) => _rules(parameters);

    /// <summary>One parameter set as a strategy for a single run (its signals come from <see cref="CreateKernel"/>).</summary>
    public IStrategy Create(ParameterSet parameters) => new KernelStrategy(this, parameters);

    /// <summary>The signal kernel over <paramref name="bars"/>; one kernel (and its cache) serves every parameter set of a grid.</summary>
    internal ISignalKernel CreateKernel(BarSeries bars, IndicatorSeriesCache? cache = null) => _kernel(bars, cache ?? new IndicatorSeriesCache());

    /// <summary>JSON Schema (draft 2020-12) of the parameters object.</summary>
    public JsonObject ParametersSchema()
    {
        var properties = new JsonObject();
        foreach (var p in Parameters)
        {
            var property = new JsonObject { ["description"] = p.Description };
            switch (p.Type)
            {
                case ParameterType.Integer:
                case ParameterType.Number:
                    string type = p.Type == ParameterType.Integer ? "integer" : "number";
                    property["type"] = p.Nullable ? new JsonArray(type, "null") : type;
                    if (p.Minimum is { } min) property[p.ExclusiveMinimum ? "exclusiveMinimum" : "minimum"] = min;
                    if (p.Maximum is { } max) property[p.ExclusiveMaximum ? "exclusiveMaximum" : "maximum"] = max;
                    break;
                case ParameterType.Boolean:
                    property["type"] = "boolean";
                    break;
                case ParameterType.Enum:
                    property["type"] = "string";
                    var values = p.Name == CommonParameters.Direction ? AllowedDirections : p.AllowedValues!;
                    property["enum"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
                    break;
            }
            property["default"] = p.Default switch
            {
                null => null,
                double d when p.Type == ParameterType.Integer => JsonValue.Create((long)d),
                double d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                string s => JsonValue.Create(s),
                _ => null,
            };
            properties[p.Name] = property;
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }
}
