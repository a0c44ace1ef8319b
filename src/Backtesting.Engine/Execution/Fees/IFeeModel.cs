namespace Backtesting.Engine.Execution.Fees;

/// <summary>Commission charged on a fill, paid from cash.</summary>
public interface IFeeModel
{
    /// <summary>The fee for filling <see cref="FeeParameters.Quantity"/> units at <see cref="FeeParameters.Price"/>.</summary>
    double GetFee(in FeeParameters parameters);

    /// <summary>Units (fractional) whose cost plus fee equals <paramref name="budget"/> at <paramref name="price"/>.</summary>
    double AffordableUnits(double budget, double price);
}

/// <summary>A fill's absolute quantity and its price after slippage.</summary>
public readonly record struct FeeParameters(double Quantity, double Price);
