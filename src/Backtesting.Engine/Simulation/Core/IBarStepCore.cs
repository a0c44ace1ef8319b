namespace Backtesting.Engine.Simulation.Core;

/// <summary>
/// The single-asset simulation core compiled for one set of execution models and one trade recorder
/// (built by <see cref="BarStepCores.Create"/>). Its state is <see cref="Book"/>, so a run can be cut
/// into chunks anywhere.
/// </summary>
internal interface IBarStepCore<TRecorder> where TRecorder : struct, ITradeRecorder
{
    ref SimulationBook Book { get; }

    ref TRecorder Recorder { get; }

    /// <summary>
    /// Simulates bars [<paramref name="from"/>, <paramref name="to"/>) of the whole-series <paramref name="signals"/>,
    /// writing the equity of bar i to equity[i - from].
    /// </summary>
    void Advance(ReadOnlySpan<sbyte> signals, int from, int to, Span<double> equity);

    /// <summary>Closes a held position at the last close (the close_at_end option).</summary>
    void CloseAtEnd();
}
