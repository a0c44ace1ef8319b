namespace Backtesting.Engine.Execution.Fees;

/// <summary>Commission = rate x |units| x fill price.</summary>
public sealed class PercentFeeModel(double rate) : IFeeModel
{
    public static PercentFeeModel Free { get; } = new(0);

    public double Rate { get; } = rate >= 0 && double.IsFinite(rate) ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be a finite rate >= 0");

    public double GetFee(in FeeParameters parameters) => Rate * Math.Abs(parameters.Quantity) * parameters.Price;

    // Same float expression as the reference engines: budget / (price * (1 + rate)).
    public double AffordableUnits(double budget, double price) => budget / (price * (1 + Rate));
}
