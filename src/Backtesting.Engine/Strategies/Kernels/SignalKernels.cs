using Backtesting.Engine.Data;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>The shared-work kernel of each built-in strategy; any other strategy generates its own signals.</summary>
internal static class SignalKernels
{
    public static ISignalKernel Create(StrategyDefinition definition, BarSeries bars, IndicatorSeriesCache? cache = null)
    {
        cache ??= new IndicatorSeriesCache();
        // a kernel only stands in for the catalog's own strategy; the tests check each against it
        if (!ReferenceEquals(StrategyCatalog.Find(definition.Id), definition))
            return new StrategySignalKernel(definition, bars);
        return definition.Id switch
        {
            "sma_crossover" => new SmaCrossoverKernel(bars),
            "ema_crossover" => new EmaCrossoverKernel(bars, cache),
            "macd_crossover" => new MacdCrossoverKernel(bars, cache),
            "rsi_reversion" => new RsiReversionKernel(bars, cache),
            "bollinger_reversion" => new BollingerReversionKernel(bars, cache),
            "donchian_breakout" => new DonchianBreakoutKernel(bars, cache),
            _ => new StrategySignalKernel(definition, bars),
        };
    }
}
