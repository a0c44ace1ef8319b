using Backtesting.Engine.Data;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Strategies.Kernels;

namespace Backtesting.Engine.Rules;

/// <summary>
/// A rules strategy's signal kernel on one bar series: per parameter set, each bar's rule flags. Indicator
/// series go to the kernel's <see cref="IndicatorSeriesCache"/>, so every cell of a grid shares them.
/// </summary>
internal sealed class RuleSignalKernel(RuleProgram program, IReadOnlyList<string> parameterNames, BarSeries bars, IndicatorSeriesCache cache) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.Of(parameters, [.. parameterNames]);

    public void Generate(ParameterSet parameters, Span<sbyte> signals)
    {
        var values = new Dictionary<string, double>();
        foreach (string name in parameterNames) values[name] = parameters.GetDouble(name);
        program.Generate(bars, values, cache, signals);
    }
}
