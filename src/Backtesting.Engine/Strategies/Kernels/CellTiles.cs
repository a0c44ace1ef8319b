namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// A batch of cells' scans over the bars in tiles: every cell scans tile t before any scans tile t + 1, so the series
/// the cells share (the closes, one RSI or Bollinger series under several levels, one channel under several exits) come
/// from cache instead of memory once per cell. A scan carries its state from tile to tile, so each cell's signals are
/// those of one pass.
/// </summary>
internal static class CellTiles
{
    /// <summary>Cells per batch (a grid's consecutive cells mostly share their first axis' series).</summary>
    public const int Width = 4;

    /// <summary>Bars per tile: a few series of it fit the core's L2 cache.</summary>
    private const int Bars = 4096;

    /// <summary>
    /// Every cell's scan into its signal array (zero before the cell's first defined bar), tile by tile. Generic over the
    /// scan struct so each kernel's range call is direct, not through an interface or a delegate.
    /// </summary>
    public static void Run<TScan>(int bars, TScan[] cells, ReadOnlySpan<sbyte[]> signals) where TScan : struct, ITiledScan
    {
        for (int k = 0; k < cells.Length; k++) signals[k].AsSpan(0, cells[k].Start).Clear();
        for (int from = 0; from < bars; from += Bars)
        {
            int to = Math.Min(from + Bars, bars);
            for (int k = 0; k < cells.Length; k++)
            {
                ref var cell = ref cells[k];
                cell.Range(Math.Max(from, cell.Start), to, signals[k]);
            }
        }
    }

    /// <summary>The scan of each cell of <paramref name="parameters"/> (<paramref name="cell"/> sets one up), run as <see cref="Run{TScan}(int, TScan[], ReadOnlySpan{sbyte[]})"/>.</summary>
    public static void Run<TScan>(int bars, ReadOnlySpan<ParameterSet> parameters, Func<ParameterSet, TScan> cell, ReadOnlySpan<sbyte[]> signals)
        where TScan : struct, ITiledScan
    {
        var cells = new TScan[parameters.Length];
        for (int k = 0; k < cells.Length; k++) cells[k] = cell(parameters[k]);
        Run(bars, cells, signals);
    }

    /// <summary>Calls <paramref name="scan"/>(cell, from, to) for every cell on every tile, tile by tile.</summary>
    public static void Run(int bars, int cells, Action<int, int, int> scan)
    {
        for (int from = 0; from < bars; from += Bars)
        {
            int to = Math.Min(from + Bars, bars);
            for (int k = 0; k < cells; k++) scan(k, from, to);
        }
    }
}
