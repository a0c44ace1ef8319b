using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

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
    public void Mark(string phase) => Add(string.Create(CultureInfo.InvariantCulture, $"{phase} done at {Elapsed(_start):0.00} ms, jitted so far {Jitted(false).Methods} methods in {Jitted(false).Ms:0.00} ms"));

    /// <summary>A worker (or one part of its work: <paramref name="what"/>) begins on the current thread.</summary>
    public Worker Begin(string what = "worker") => new(this, what, Stopwatch.GetTimestamp(), ThreadUsage.Read());

    private static (long Methods, double Ms) Jitted(bool thread) =>
        (System.Runtime.JitInfo.GetCompiledMethodCount(thread), System.Runtime.JitInfo.GetCompilationTime(thread).TotalMilliseconds);

    /// <summary>Writes the lines gathered, as one block.</summary>
    public void Write()
    {
        Mark("grid");
        lock (_lines) Console.Error.WriteLine(string.Join(Environment.NewLine, _lines.Select(l => "grid-trace: " + l)));
    }

    private void Add(string line)
    {
        lock (_lines) _lines.Add(line);
    }

    private static double Elapsed(long from) => Stopwatch.GetElapsedTime(from).TotalMilliseconds;

    /// <summary>One worker's span, closed by <see cref="End"/> on the thread that began it.</summary>
    public sealed class Worker(GridTrace trace, string what, long started, ThreadUsage usage)
    {
        private readonly (long Methods, double Ms) _jitted = Jitted(true);

        public int Units { get; set; }

        public void End()
        {
            var now = ThreadUsage.Read();
            trace.Add(string.Create(CultureInfo.InvariantCulture,
                $"{what} on thread {Environment.CurrentManagedThreadId} from {Stopwatch.GetElapsedTime(trace._start, started).TotalMilliseconds:0.00} to {Elapsed(trace._start):0.00} ms, {Units} units, cpu {(now.CpuMicroseconds - usage.CpuMicroseconds) / 1000.0:0.00} ms, faults {now.MinorFaults - usage.MinorFaults}, jit {Jitted(true).Methods - _jitted.Methods} methods {Jitted(true).Ms - _jitted.Ms:0.00} ms"));
        }
    }

    /// <summary>The calling thread's CPU time and minor faults so far (getrusage(RUSAGE_THREAD); zeros off Linux).</summary>
    public readonly record struct ThreadUsage(long CpuMicroseconds, long MinorFaults)
    {
        private const int RusageThread = 1;

        public static ThreadUsage Read()
        {
            if (!OperatingSystem.IsLinux()) return default;
            // struct rusage on x64 Linux: two timevals, then longs, minflt the 9th (after two timevals and maxrss, ixrss, idrss, isrss); CPU time from the thread's clock,
            // which is exact where rusage's may advance by scheduler ticks
            Span<long> usage = stackalloc long[18];
            Span<long> clock = stackalloc long[2];
            if (getrusage(RusageThread, ref MemoryMarshal.GetReference(usage)) != 0 || clock_gettime(ClockThreadCpuTime, ref MemoryMarshal.GetReference(clock)) != 0) return default;
            return new ThreadUsage(clock[0] * 1_000_000 + clock[1] / 1000, usage[8]);
        }

        private const int ClockThreadCpuTime = 3;

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int clock_gettime(int clock, ref long time);

        [DllImport("libc", EntryPoint = "getrusage")]
        private static extern int getrusage(int who, ref long usage);
    }
}
