using System.Runtime.InteropServices;

namespace Backtesting.Engine.Data;

/// <summary>
/// A column of unknown final length: rows are written to one managed block, each full block is parked in native
/// memory, and <see cref="ToArray"/> copies the blocks into one array of the exact length, freeing each block as it
/// goes. No doubling copies while reading, and the native blocks go back to the system at once (the managed heap
/// would keep them), so the peak is about one copy of the column, not two.
/// </summary>
internal sealed class ColumnBlocks<T> : IDisposable where T : unmanaged
{
    public const int BlockSize = 1 << 17;
    private static readonly int ElementSize = Marshal.SizeOf<T>();
    private readonly List<IntPtr> _parked = [];
    private T[] _block = new T[1024]; // grows to BlockSize, so a small file costs little

    static ColumnBlocks()
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(long))
            throw new NotSupportedException($"columns of {typeof(T).Name} are not supported");
    }

    /// <summary>
    /// The managed block that row <paramref name="count"/> goes to (at <c>count % BlockSize</c>): call when that index
    /// is past the block's length, or is 0 again (the full block is then parked in native memory).
    /// </summary>
    public T[] Room(int count)
    {
        int row = count & (BlockSize - 1);
        if (row == 0 && count > 0)
        {
            IntPtr native = Marshal.AllocHGlobal(BlockSize * ElementSize);
            _parked.Add(native);
            CopyOut(_block, native, BlockSize);
        }
        else if (row >= _block.Length)
        {
            Array.Resize(ref _block, Math.Min(BlockSize, 2 * _block.Length));
        }
        return _block;
    }

    /// <summary>The first <paramref name="count"/> rows as one array; the native blocks are freed.</summary>
    public T[] ToArray(int count)
    {
        var result = GC.AllocateUninitializedArray<T>(count);
        int start = 0;
        for (int b = 0; b < _parked.Count; b++, start += BlockSize)
        {
            CopyIn(_parked[b], result, start, BlockSize);
            Marshal.FreeHGlobal(_parked[b]);
            _parked[b] = IntPtr.Zero;
        }
        _parked.Clear();
        _block.AsSpan(0, count - start).CopyTo(result.AsSpan(start));
        return result;
    }

    public void Dispose()
    {
        foreach (var native in _parked)
            if (native != IntPtr.Zero) Marshal.FreeHGlobal(native);
        _parked.Clear();
    }

    private static void CopyOut(T[] source, IntPtr destination, int length)
    {
        if (source is double[] doubles) Marshal.Copy(doubles, 0, destination, length);
        else Marshal.Copy((long[])(object)source, 0, destination, length);
    }

    private static void CopyIn(IntPtr source, T[] destination, int start, int length)
    {
        if (destination is double[] doubles) Marshal.Copy(source, doubles, start, length);
        else Marshal.Copy(source, (long[])(object)destination, start, length);
    }
}
