using Backtesting.Engine.Execution.Fees;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>Any <see cref="IFeeModel"/>, called through its interface.</summary>
internal readonly struct ModelFeeRule(IFeeModel model) : IFeeRule
{
    public double Fee(double quantity, double price) => model.GetFee(new FeeParameters(quantity, price));

    public double AffordableUnits(double budget, double price) => model.AffordableUnits(budget, price);
}
