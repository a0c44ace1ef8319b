using Backtesting.Engine.Data;
using Backtesting.Engine.Execution.Fees;
using Backtesting.Engine.Execution.Fills;
using Backtesting.Engine.Execution.Slippage;

namespace Backtesting.Engine.Simulation.Core;

/// <summary>
/// Picks the compiled core for a run's execution models: the built-in next-open fill, percent fee and
/// no slippage as inlined structs, any other model through its interface, each choice independently.
/// </summary>
internal static class BarStepCores
{
    public static IBarStepCore<TRecorder> Create<TRecorder>(BarSeries bars, SimulationSettings settings, TRecorder recorder)
        where TRecorder : struct, ITradeRecorder =>
        settings.FillModel is NextOpenFillModel
            ? WithFill(new NextOpenFillRule(bars.Open), bars, settings, recorder)
            : WithFill(new ModelFillRule(settings.FillModel, bars), bars, settings, recorder);

    private static IBarStepCore<TRecorder> WithFill<TFill, TRecorder>(TFill fill, BarSeries bars, SimulationSettings settings, TRecorder recorder)
        where TFill : struct, IFillRule where TRecorder : struct, ITradeRecorder =>
        settings.FeeModel is PercentFeeModel percent
            ? WithFee(fill, new PercentFeeRule(percent.Rate), bars, settings, recorder)
            : WithFee(fill, new ModelFeeRule(settings.FeeModel), bars, settings, recorder);

    private static IBarStepCore<TRecorder> WithFee<TFill, TFee, TRecorder>(TFill fill, TFee fees, BarSeries bars, SimulationSettings settings, TRecorder recorder)
        where TFill : struct, IFillRule where TFee : struct, IFeeRule where TRecorder : struct, ITradeRecorder =>
        settings.SlippageModel is NoSlippageModel
            ? new BarStepCore<TFill, TFee, NoSlippageRule, TRecorder>(bars, settings, fill, fees, default, recorder)
            : new BarStepCore<TFill, TFee, ModelSlippageRule, TRecorder>(bars, settings, fill, fees, new ModelSlippageRule(settings.SlippageModel), recorder);
}
