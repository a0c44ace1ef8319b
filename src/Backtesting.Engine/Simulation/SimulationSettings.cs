using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Fills;
using Backtesting.Engine.Execution.Slippage;

namespace Backtesting.Engine.Simulation;

/// <summary>How orders are sized, filled and charged. Defaults follow the simulation contract.</summary>
public sealed record SimulationSettings
{
    public required double InitialCapital { get; init; }

    /// <summary>Fraction f in (0, 1] of current equity committed to each entry.</summary>
    public double PositionSize { get; init; } = 1;

    public DirectionMode Direction { get; init; } = DirectionMode.Long;

    /// <summary>Stop loss as a fraction of the entry price (0.05 = 5 %), or null.</summary>
    public double? StopLossPct { get; init; }

    /// <summary>Take profit as a fraction of the entry price, or null.</summary>
    public double? TakeProfitPct { get; init; }

    /// <summary>Exact fractional units instead of whole units.</summary>
    public bool Fractional { get; init; }

    /// <summary>Close a position still open at the end at the last close (counted as a closed trade).</summary>
    public bool CloseAtEnd { get; init; }

    public IFillModel FillModel { get; init; } = NextOpenFillModel.Instance;
    public IFeeModel FeeModel { get; init; } = PercentFeeModel.Free;
    public ISlippageModel SlippageModel { get; init; } = NoSlippageModel.Instance;
}
