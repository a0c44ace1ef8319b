namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// A strategy's signals for any parameter set, from work shared across parameter sets on one bar
/// series (scaled prices, prefix sums, indicator series). Output equals the strategy's own
/// <see cref="IStrategy.GenerateSignals"/> exactly.
/// </summary>
internal interface ISignalKernel
{
    /// <summary>Writes one signal per bar for validated <paramref name="parameters"/>.</summary>
    void Generate(ParameterSet parameters, Span<sbyte> signals);

    /// <summary>Parameter sets with the same key have the same signals (the execution parameters do not matter).</summary>
    string SignalKey(ParameterSet parameters);
}
