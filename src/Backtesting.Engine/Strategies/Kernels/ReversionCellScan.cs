namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// One reversion cell's tiled scan (<see cref="CellTiles"/>): the series its levels are read against, the levels, the
/// first defined bar, and the sides carried from tile to tile (<see cref="ReversionScan.Range{TLevels}"/>).
/// </summary>
internal struct ReversionCellScan<TLevels>(double[] value, TLevels levels, int start) : ITiledScan
    where TLevels : struct, IReversionLevels
{
    private int _lastLow, _lastHigh;

    public readonly int Start => start;

    /// <summary>Every bar's signal in one pass (a single cell, not a batch).</summary>
    public readonly void Run(Span<sbyte> signals) => ReversionScan.Run(value, levels, start, signals);

    public void Range(int from, int to, sbyte[] signals) => ReversionScan.Range(value, levels, from, to, ref _lastLow, ref _lastHigh, signals);
}
