using System.Diagnostics;
using System.Globalization;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// A grid's timeline on standard error, for finding where a fresh process's grid waits (a worker that starts late,
/// compiles while the other waits, or gets the larger share): the phases' ends, and per worker its thread, start and
/// end, units, and the thread's own CPU time and minor faults in between. Off unless <c>BACKTEST_GRID_TRACE=1</c>;
/// when off, every call is one static field test.
/// </summary>
internal sealed class GridTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("BACKTEST_GRID_TRACE") == "1";

    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly List<string> _lines = [];

    private GridTrace() { }

    /// <summary>A trace of one grid, or null when tracing is off.</summary>
    public static GridTrace? Start() => Enabled ? new GridTrace() : null;

    /// <summary>Notes that <paramref name="phase"/> ended now.</summary>
    public void Mark(string phase)
    {
        var jitted = Jitted(thread: false);
        Add(string.Create(CultureInfo.InvariantCulture, $"{phase} done at {Elapsed(_start):0.00} ms, jitted so far {jitted.Methods} methods in {jitted.Ms:0.00} ms"));
    }

    /// <summary>A worker (or one part of its work: <paramref name="what"/>) begins on the current thread.</summary>
    public GridTraceSpan Begin(string what = "worker") => new(this, what);

    /// <summary>Milliseconds from the trace's start to <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public double At(long timestamp) => Stopwatch.GetElapsedTime(_start, timestamp).TotalMilliseconds;

    /// <summary>Methods compiled and milliseconds spent compiling so far, by this thread or by every one.</summary>
    public static (long Methods, double Ms) Jitted(bool thread) =>
        (System.Runtime.JitInfo.GetCompiledMethodCount(thread), System.Runtime.JitInfo.GetCompilationTime(thread).TotalMilliseconds);

    /// <summary>Writes the lines gathered, as one block.</summary>
    public void Write()
    {
        Mark("grid");
        lock (_lines) Console.Error.WriteLine(string.Join(Environment.NewLine, _lines.Select(l => "grid-trace: " + l)));
    }

    /// <summary>Adds a line (thread-safe); <see cref="GridTraceSpan.End"/> adds its own.</summary>
    public void Add(string line)
    {
        lock (_lines) _lines.Add(line);
    }

    private static double Elapsed(long from) => Stopwatch.GetElapsedTime(from).TotalMilliseconds;
}
