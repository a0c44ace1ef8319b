namespace Backtesting.Engine.Simulation;

/// <summary>Per-thread buffers of the research workloads, reused across runs so no run allocates per bar.</summary>
internal sealed class BacktestWorkspace(int bars)
{
    public sbyte[] Signals { get; } = new sbyte[bars];
    public double[] Equity { get; } = new double[bars];
}
