using Backtesting.Engine.Execution.Fees;

namespace Backtesting.Engine.Simulation.Core;

/// <summary><see cref="PercentFeeModel"/> inlined, with the model's own float expressions.</summary>
internal readonly struct PercentFeeRule(double rate) : IFeeRule
{
    public double Fee(double quantity, double price) => rate * Math.Abs(quantity) * price;

    public double AffordableUnits(double budget, double price) => budget / (price * (1 + rate));
}
