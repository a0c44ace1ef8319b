using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>A strategy given as an <see cref="IStrategy"/> factory (not a built-in): builds it per parameter set and lets it generate its own signals.</summary>
internal sealed class StrategySignalKernel(StrategyDefinition definition, Func<ParameterSet, IStrategy> factory, BarSeries bars) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.OwnParameters(definition, parameters);

    public void Generate(ParameterSet parameters, Span<sbyte> signals) => factory(parameters).GenerateSignals(bars, signals);
}
