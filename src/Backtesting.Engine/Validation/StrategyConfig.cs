using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Fills;
using Backtesting.Engine.Execution.Slippage;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Validation;

/// <summary>A validated strategy choice with every parameter resolved.</summary>
public sealed record StrategyConfig(StrategyDefinition Definition, ParameterSet Parameters)
{
    public IStrategy CreateStrategy() => Definition.Create(Parameters);

    /// <summary>The execution settings that the common parameters describe.</summary>
    public SimulationSettings ToSimulationSettings(double initialCapital)
    {
        var p = Parameters;
        double slippage = p.GetDouble(CommonParameters.SlippageBps);
        return new SimulationSettings
        {
            InitialCapital = initialCapital,
            PositionSize = p.GetDouble(CommonParameters.PositionSize),
            Direction = p.GetString(CommonParameters.Direction) switch
            {
                "short" => DirectionMode.Short,
                "long_short" => DirectionMode.LongShort,
                _ => DirectionMode.Long,
            },
            StopLossPct = p.GetNullableDouble(CommonParameters.StopLossPct),
            TakeProfitPct = p.GetNullableDouble(CommonParameters.TakeProfitPct),
            Fractional = p.GetBool(CommonParameters.Fractional),
            CloseAtEnd = p.GetBool(CommonParameters.CloseAtEnd),
            FillModel = p.GetString(CommonParameters.Fill) == "close" ? CloseFillModel.Instance : NextOpenFillModel.Instance,
            FeeModel = new PercentFeeModel(p.GetDouble(CommonParameters.Commission)),
            SlippageModel = slippage > 0 ? new BpsSlippageModel(slippage) : NoSlippageModel.Instance,
        };
    }
}
