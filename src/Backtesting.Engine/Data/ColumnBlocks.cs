using System.Runtime.InteropServices;
using Backtesting.Engine.Memory;

namespace Backtesting.Engine.Data;

/// <summary>
/// A column of unknown final length: rows are written to one managed block, each full block is parked in native
/// memory, and <see cref="ToArray"/> copies the blocks into one array of the exact length, freeing each block as it
/// goes. No doubling copies while reading, and the native blocks go back to the system at once (the managed heap
/// would keep them), so the peak is about one copy of the column, not two. Parked blocks and the final array are
/// fresh memory written once: both ask for huge pages (<see cref="HugePages"/>).
/// </summary>
internal sealed class ColumnBlocks<T> : IDisposable where T : unmanaged
{
    /// <summary>Rows per block: 2 MB of 8-byte values, one huge page.</summary>
    public const int BlockSize = 1 << 18;
    private static readonly int ElementSize = Marshal.SizeOf<T>();
    private readonly List<(IntPtr Allocation, IntPtr Block)> _parked = [];
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
            var parked = AllocateBlock();
            _parked.Add(parked);
            CopyOut(_block, parked.Block, BlockSize);
        }
        else if (row >= _block.Length)
        {
            var larger = HugePages.NewArray<T>(Math.Min(BlockSize, 2 * _block.Length));
            _block.CopyTo(larger, 0);
            _block = larger;
        }
        return _block;
    }

    /// <summary>The first <paramref name="count"/> rows as one array; the native blocks are freed.</summary>
    public T[] ToArray(int count)
    {
        var result = HugePages.NewArray<T>(count);
        int start = 0;
        for (int b = 0; b < _parked.Count; b++, start += BlockSize)
        {
            CopyIn(_parked[b].Block, result, start, BlockSize);
            Marshal.FreeHGlobal(_parked[b].Allocation);
            _parked[b] = default;
        }
        _parked.Clear();
        _block.AsSpan(0, count - start).CopyTo(result.AsSpan(start));
        return result;
    }

    public void Dispose()
    {
        foreach (var (allocation, _) in _parked)
            if (allocation != IntPtr.Zero) Marshal.FreeHGlobal(allocation);
        _parked.Clear();
    }

    /// <summary>
    /// A native block on a huge-page boundary, so that it can be one huge page: allocated a huge page larger (address
    /// space only: the pages before and after the block are never touched).
    /// </summary>
    private static (IntPtr Allocation, IntPtr Block) AllocateBlock()
    {
        IntPtr allocation = Marshal.AllocHGlobal(BlockSize * ElementSize + HugePages.Size);
        IntPtr block = (IntPtr)((allocation + HugePages.Size - 1) & ~(nint)(HugePages.Size - 1));
        HugePages.Advise(block, BlockSize * ElementSize);
        return (allocation, block);
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
