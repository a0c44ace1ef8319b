using System.Diagnostics;
using System.Globalization;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// One worker's span of a <see cref="GridTrace"/> (or one part of its work), begun and ended on the same thread:
/// its start and end, the units it took (a grid worker: pieces of <see cref="GridWork"/>, batches and cells), and the
/// thread's CPU time, minor faults and compilations in between.
/// </summary>
internal sealed class GridTraceSpan(GridTrace trace, string what)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly ThreadUsage _usage = ThreadUsage.Read();
    private readonly (long Methods, double Ms) _jitted = GridTrace.Jitted(thread: true);

    public int Units { get; set; }

    public void End()
    {
        var usage = ThreadUsage.Read();
        var jitted = GridTrace.Jitted(thread: true);
        trace.Add(string.Create(CultureInfo.InvariantCulture,
            $"{what} on thread {Environment.CurrentManagedThreadId} from {trace.At(_started):0.00} to {trace.At(Stopwatch.GetTimestamp()):0.00} ms, {Units} units, cpu {(usage.CpuMicroseconds - _usage.CpuMicroseconds) / 1000.0:0.00} ms, faults {usage.MinorFaults - _usage.MinorFaults}, jit {jitted.Methods - _jitted.Methods} methods {jitted.Ms - _jitted.Ms:0.00} ms"));
    }
}
