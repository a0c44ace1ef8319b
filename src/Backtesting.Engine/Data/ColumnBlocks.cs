namespace Backtesting.Engine.Data;

/// <summary>
/// A column of unknown final length filled in fixed blocks, then copied once into an array of the exact length:
/// no doubling copies while reading, and each block's memory is touched once.
/// </summary>
internal sealed class ColumnBlocks<T> where T : unmanaged
{
    private const int BlockShift = 16;
    public const int BlockSize = 1 << BlockShift;
    private readonly List<T[]> _blocks = [];

    /// <summary>The block that holds row <paramref name="row"/>, allocated when the row is its first.</summary>
    public T[] BlockFor(int row)
    {
        int index = row >> BlockShift;
        if (index == _blocks.Count) _blocks.Add(GC.AllocateUninitializedArray<T>(BlockSize));
        return _blocks[index];
    }

    public T this[int row] => _blocks[row >> BlockShift][row & (BlockSize - 1)];

    /// <summary>The first <paramref name="count"/> rows as one array; the blocks are released.</summary>
    public T[] ToArray(int count)
    {
        var result = GC.AllocateUninitializedArray<T>(count);
        for (int b = 0, start = 0; start < count; b++, start += BlockSize)
            _blocks[b].AsSpan(0, Math.Min(BlockSize, count - start)).CopyTo(result.AsSpan(start));
        _blocks.Clear();
        return result;
    }
}
