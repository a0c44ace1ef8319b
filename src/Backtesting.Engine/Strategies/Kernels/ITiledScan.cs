namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// One cell's signal scan that <see cref="CellTiles"/> runs tile by tile: a mutable struct carrying its state (the last
/// side seen) from one tile to the next, so its signals are those of one pass.
/// </summary>
internal interface ITiledScan
{
    /// <summary>The first bar the cell's indicators are defined on; signals before it are zero.</summary>
    int Start { get; }

    /// <summary>Writes the signals of bars [from, to) into <paramref name="signals"/>.</summary>
    void Range(int from, int to, sbyte[] signals);
}
