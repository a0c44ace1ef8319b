using Backtesting.Engine.Data;

namespace Backtesting.Engine.Execution.Fills;

/// <summary>Decides where a market order decided at the close of a bar is filled.</summary>
public interface IFillModel
{
    /// <summary>The bar and raw price (before slippage) of the fill; <see cref="FillResult.None"/> when it never fills.</summary>
    FillResult Fill(in MarketOrder order, BarSeries bars);
}

/// <summary>A market order decided at the close of bar <paramref name="DecisionBar"/>.</summary>
public readonly record struct MarketOrder(int DecisionBar, OrderSide Side);

/// <summary>Where an order fills: bar index and raw price; <see cref="Filled"/> false when it never fills.</summary>
public readonly record struct FillResult(int Bar, double Price)
{
    public static FillResult None => new(-1, double.NaN);

    public bool Filled => Bar >= 0;
}
