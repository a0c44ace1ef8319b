namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// A strategy's signals for any parameter set on one bar series, from work shared across parameter
/// sets (scaled prices, prefix sums, indicator series). The one definition of a strategy's signals:
/// single runs (<see cref="StrategyDefinition.Create"/>), grids, Monte Carlo, walk-forward and portfolios all use it.
/// A signal is +1 (bullish), -1 (bearish) or 0, decided at a bar's close from bars up to that one.
/// Disposing hands pooled series back (a single run's kernel lives for one call).
/// </summary>
internal interface ISignalKernel : IDisposable
{
    void IDisposable.Dispose()
    {
    }

    /// <summary>Writes one signal per bar for validated <paramref name="parameters"/>.</summary>
    void Generate(ParameterSet parameters, Span<sbyte> signals);

    /// <summary>How many parameter sets <see cref="GenerateMany"/> gains from working out together (1: one at a time).</summary>
    int BatchWidth => 1;

    /// <summary>
    /// Writes the signals of each of <paramref name="parameters"/> into the array of the same index (at least one
    /// element per bar), equal to <see cref="Generate"/> per set; a kernel overrides it to run sets side by side.
    /// </summary>
    void GenerateMany(ReadOnlySpan<ParameterSet> parameters, ReadOnlySpan<sbyte[]> signals)
    {
        for (int k = 0; k < parameters.Length; k++) Generate(parameters[k], signals[k]);
    }

    /// <summary>
    /// Work worth doing ahead for these parameter sets (a grid's valid cells), as independent parts a caller may run in
    /// parallel before any <see cref="Generate"/>: e.g. the indicator series every set needs, several periods per pass.
    /// Optional: without it each series is computed on first use, with the same values.
    /// </summary>
    IReadOnlyList<Action> Prepare(ReadOnlySpan<ParameterSet> parameters) => [];

    /// <summary>Parameter sets with the same key have the same signals (the execution parameters do not matter).</summary>
    string SignalKey(ParameterSet parameters);
}
