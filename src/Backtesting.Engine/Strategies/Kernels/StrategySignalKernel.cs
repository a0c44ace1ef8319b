using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>Any strategy without a shared kernel: builds it and lets it generate its own signals.</summary>
internal sealed class StrategySignalKernel(StrategyDefinition definition, BarSeries bars) : ISignalKernel
{
    public string SignalKey(ParameterSet parameters) => SignalKeys.OwnParameters(definition, parameters);

    public void Generate(ParameterSet parameters, Span<sbyte> signals) => definition.Create(parameters).GenerateSignals(bars, signals);
}
