using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Simulation.Core;

namespace Backtesting.Engine.Portfolio;

/// <summary>One asset's position and bookkeeping inside a portfolio simulation.</summary>
internal sealed class AssetBook(string symbol, string strategyId, BarSeries bars, sbyte[] signals, SimulationSettings settings, double weight)
{
    public string Symbol { get; } = symbol;
    public string StrategyId { get; } = strategyId;
    public BarSeries Bars { get; } = bars;
    public sbyte[] Signals { get; } = signals;
    public SimulationSettings Settings { get; } = settings;
    public double Weight { get; } = weight;
    public List<Trade> Trades { get; } = [];

    /// <summary>The asset's execution models, as the position book takes them.</summary>
    public readonly ModelFillRule FillRule = new(settings.FillModel, bars);
    public readonly ModelFeeRule FeeRule = new(settings.FeeModel);
    public readonly ModelSlippageRule SlippageRule = new(settings.SlippageModel);

    /// <summary>Keeps the asset's closed trades in <see cref="Trades"/>.</summary>
    public TradeListRecorder Recorder => new(Bars, Trades);

    /// <summary>Index of the asset's latest bar at the current portfolio time (-1 before its first bar).</summary>
    public int Cursor = -1;

    /// <summary>True when the asset has a bar at the current portfolio time.</summary>
    public bool Active;

    public PositionBook Position = PositionBook.Flat;
    public int PendingBar = -1, PendingTarget;
    public double PendingPrice;

    /// <summary>Every change of the shared cash this asset caused (fills and fees).</summary>
    public double CashFlow;
    public double Fees;
    public int BarsInMarket;

    public double Units => Position.Units;

    public double LastClose => Cursor >= 0 ? Bars.Close[Cursor] : 0;

    /// <summary>The price the asset is marked at now: its open when it trades at this time and <paramref name="atOpen"/>, else its last close.</summary>
    public double Mark(bool atOpen) => atOpen && Active ? Bars.Open[Cursor] : LastClose;
}
