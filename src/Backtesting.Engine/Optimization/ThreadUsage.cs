using System.Runtime.InteropServices;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// The calling thread's CPU time and minor page faults so far (Linux; zeros elsewhere): what a grid's workers spend
/// apart from other threads and processes (<see cref="GridTrace"/>, the page-fault tests).
/// </summary>
internal readonly record struct ThreadUsage(long CpuMicroseconds, long MinorFaults)
{
    private const int RusageThread = 1; // RUSAGE_THREAD
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

    public static ThreadUsage Read()
    {
        if (!OperatingSystem.IsLinux()) return default;
        // struct rusage on x64 Linux: two timevals (utime, stime), then longs: maxrss, ixrss, idrss, isrss, minflt, ...;
        // CPU time from the thread's clock, exact where rusage's may advance by scheduler ticks
        Span<long> usage = stackalloc long[18];
        Span<long> clock = stackalloc long[2];
        if (getrusage(RusageThread, ref MemoryMarshal.GetReference(usage)) != 0 || clock_gettime(ClockThreadCpuTime, ref MemoryMarshal.GetReference(clock)) != 0)
            return default;
        return new ThreadUsage(clock[0] * 1_000_000 + clock[1] / 1000, usage[8]);
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int getrusage(int who, ref long usage);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, ref long time);
}
