using System.Collections;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Simulation;

/// <summary>
/// A single backtest's trades in close order (then the open one, if any). The simulation stores each closed trade as a
/// value in blocks of 1,024 (64 KB, below the large object heap and never copied to grow), so a run of tens of thousands
/// of trades leaves the collector nothing to trace; the <see cref="Trade"/> records are built once, on the first read, and the same instances are returned after that.
/// </summary>
public sealed class TradeLog : IReadOnlyList<Trade>
{
    private const int BlockBits = 10;
    private const int BlockSize = 1 << BlockBits;

    private readonly BarSeries _bars;
    private readonly List<ClosedTradeRecord[]> _blocks;
    private int _closedCount;
    private readonly Trade? _open;
    private TradeTotals _totals;
    private Trade[]? _trades;

    internal TradeLog(BarSeries bars) : this(bars, [], 0, null, default)
    {
    }

    private TradeLog(BarSeries bars, List<ClosedTradeRecord[]> blocks, int closedCount, Trade? open, TradeTotals totals)
    {
        _bars = bars;
        _blocks = blocks;
        _closedCount = closedCount;
        _open = open;
        _totals = totals;
    }

    /// <summary>Trades in the log: the closed ones, plus the open one if any.</summary>
    public int Count => _closedCount + (_open is null ? 0 : 1);

    public Trade this[int index] => Materialized()[index];

    /// <summary>The pnl totals of the closed trades, accumulated in close order as they were added (no record built).</summary>
    internal TradeTotals ClosedTotals => _totals;

    /// <summary>True when the log holds an open trade after the closed ones.</summary>
    internal bool HasOpenTrade => _open is not null;

    internal void Add(in ClosedTradeRecord trade)
    {
        int slot = _closedCount & (BlockSize - 1);
        if (slot == 0) _blocks.Add(new ClosedTradeRecord[BlockSize]);
        _blocks[^1][slot] = trade;
        _closedCount++;
        _totals.Add(trade.Pnl);
    }

    /// <summary>The same closed trades followed by <paramref name="open"/> (the blocks are shared, not copied; the simulation has ended).</summary>
    internal TradeLog WithOpenTrade(Trade open) => new(_bars, _blocks, _closedCount, open, _totals);

    public IEnumerator<Trade> GetEnumerator() => ((IEnumerable<Trade>)Materialized()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Trade[] Materialized()
    {
        if (_trades is { } ready) return ready;
        var trades = new Trade[Count];
        for (int i = 0; i < _closedCount; i++)
            trades[i] = _blocks[i >> BlockBits][i & (BlockSize - 1)].ToTrade(_bars);
        if (_open is not null) trades[^1] = _open;
        // two readers racing build equal arrays; either may win
        Interlocked.CompareExchange(ref _trades, trades, null);
        return _trades;
    }
}
