using Backtesting.Engine.Data;
using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Fills;
using Backtesting.Engine.Execution.Slippage;
using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Tests.Simulation.Core;

/// <summary>
/// The settings' models wrapped in test types the core does not know, so it has to call them through
/// their interfaces (its generic path) instead of inlining the built-in ones.
/// </summary>
internal static class InterfaceCalledModels
{
    public static SimulationSettings Wrap(SimulationSettings settings) => settings with
    {
        FillModel = new CalledFill(settings.FillModel),
        FeeModel = new CalledFee(settings.FeeModel),
        SlippageModel = new CalledSlippage(settings.SlippageModel),
    };

    private sealed class CalledFill(IFillModel inner) : IFillModel
    {
        public FillResult Fill(in MarketOrder order, BarSeries bars) => inner.Fill(order, bars);
    }

    private sealed class CalledFee(IFeeModel inner) : IFeeModel
    {
        public double GetFee(in FeeParameters parameters) => inner.GetFee(parameters);

        public double AffordableUnits(double budget, double price) => inner.AffordableUnits(budget, price);
    }

    private sealed class CalledSlippage(ISlippageModel inner) : ISlippageModel
    {
        public double Apply(in SlippageParameters parameters) => inner.Apply(parameters);
    }
}
