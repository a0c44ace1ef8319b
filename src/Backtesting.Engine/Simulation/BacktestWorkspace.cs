namespace Backtesting.Engine.Simulation;

/// <summary>Per-thread buffers of the research workloads, reused across runs so no run allocates per bar.</summary>
internal sealed class BacktestWorkspace(int bars)
{
    public sbyte[] Signals { get; } = new sbyte[bars];
    public double[] Equity { get; } = new double[bars];

    /// <summary>The equity of the last run, one point per bar.</summary>
    public ReadOnlySpan<double> EquityOf(int bars) => Equity.AsSpan(0, bars);
}
