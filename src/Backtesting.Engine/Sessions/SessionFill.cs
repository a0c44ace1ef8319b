using Backtesting.Engine.Execution;

namespace Backtesting.Engine.Sessions;

/// <summary>One execution: the order, the bar, the side, units, the price after slippage and the commission.</summary>
public sealed record SessionFill(string Id, string OrderId, int Bar, DateTime Time, OrderSide Side, double Quantity, double Price, double Fee);
