using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>One parameter set of a strategy as an <see cref="IStrategy"/>: its signal kernel built on the bars it is given.</summary>
internal sealed class KernelStrategy(StrategyDefinition definition, ParameterSet parameters) : IStrategy
{
    public void GenerateSignals(BarSeries bars, Span<sbyte> signals)
    {
        using var kernel = definition.CreateKernel(bars);
        kernel.Generate(parameters, signals);
    }
}
