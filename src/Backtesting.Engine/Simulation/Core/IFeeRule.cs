using Backtesting.Engine.Execution.Fees;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>A fee model as the simulation core calls it (see <see cref="IFillRule"/> for why structs).</summary>
internal interface IFeeRule
{
    /// <summary>The commission on a fill of <paramref name="quantity"/> units at <paramref name="price"/>.</summary>
    double Fee(double quantity, double price);

    /// <summary>As <see cref="IFeeModel.AffordableUnits"/>.</summary>
    double AffordableUnits(double budget, double price);
}
