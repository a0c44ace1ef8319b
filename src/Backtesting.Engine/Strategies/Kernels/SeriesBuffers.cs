using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Backtesting.Engine.Memory;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// Indicator series arrays handed back by a grid that is done with its cache (<see cref="IndicatorSeriesCache.Recycle"/>)
/// and handed out again, exact length, to the next series computation. A fresh series-sized array is memory the
/// collector must find (a gen 2 collection per few large allocations) and the kernel must map in again (measured on
/// this project's VM: ~20 ms of CPU per 20 fresh 800 KB arrays against 0.5 ms for reused ones, about what a 10x10 grid
/// of 100k bars allocates), so a grid after the first reuses the last one's arrays. Holds at most
/// <see cref="RetainedByteLimit"/> bytes; contents of a rented array are whatever was there (every series function
/// writes each element, as it did on uninitialised arrays). Only arrays this class handed out are taken back, each
/// once, so a cache entry that is some other array (a rule's series may be an input) is never recycled.
/// </summary>
internal static class SeriesBuffers
{
    /// <summary>Bytes kept for reuse at most: two grids' series of 100k bars (10 periods x 2 axes x 800 KB each).</summary>
    public const long RetainedByteLimit = 32L << 20;

    private static readonly ConcurrentDictionary<int, ConcurrentStack<double[]>> Free = new();
    private static readonly ConditionalWeakTable<double[], object> Issued = new();
    private static readonly object Marker = new();
    private static long _retainedBytes;

    /// <summary>Bytes held for reuse now.</summary>
    public static long RetainedBytes => Volatile.Read(ref _retainedBytes);

    /// <summary>An array of exactly <paramref name="length"/> elements, reused when one is free, with unspecified contents.</summary>
    public static double[] Rent(int length)
    {
        if (!Free.TryGetValue(length, out var stack) || !stack.TryPop(out var array))
            array = HugePages.NewArray<double>(length);
        else
            Interlocked.Add(ref _retainedBytes, -Bytes(array));
        Issued.AddOrUpdate(array, Marker);
        return array;
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> rents of <paramref name="length"/> elements find a free array, the missing
    /// ones allocated now with their memory mapped in, on every core (<see cref="HugePages.Prefault{T}"/>): a grid's
    /// series are each below a huge page (800 KB for 100k bars), and a fresh process's 10x10 grid took ~3k page faults
    /// writing its 20. At most <see cref="RetainedByteLimit"/> bytes per call, which may hold more than the limit until
    /// they are rented (returns are then dropped). A later grid finds its series free and maps nothing.
    /// </summary>
    public static void Reserve(int count, int length)
    {
        if (count <= 0 || length <= 0) return;
        var stack = Free.GetOrAdd(length, _ => new ConcurrentStack<double[]>());
        long bytes = (long)length * sizeof(double);
        long missing = Math.Min(count - stack.Count, RetainedByteLimit / bytes);
        if (missing <= 0) return;
        var arrays = new double[missing][];
        for (int k = 0; k < arrays.Length; k++) arrays[k] = HugePages.NewArray<double>(length);
        Parallel.For(0, arrays.Length, k => HugePages.Prefault(arrays[k]));
        Interlocked.Add(ref _retainedBytes, missing * bytes);
        stack.PushRange(arrays);
    }

    /// <summary>Keeps <paramref name="array"/> for a later <see cref="Rent"/> unless the limit is reached; the caller must hold no reference to it.</summary>
    public static void Return(double[] array)
    {
        if (!Issued.Remove(array)) return; // not ours, or returned already
        long bytes = Bytes(array);
        if (array.Length == 0 || Interlocked.Add(ref _retainedBytes, bytes) > RetainedByteLimit)
        {
            if (array.Length != 0) Interlocked.Add(ref _retainedBytes, -bytes);
            return;
        }
        Free.GetOrAdd(array.Length, _ => new ConcurrentStack<double[]>()).Push(array);
    }

    private static long Bytes(double[] array) => (long)array.Length * sizeof(double);
}
