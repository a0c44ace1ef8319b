using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Tests.Support;

/// <summary>
/// Every way the engine turns a strategy config into per-bar signals: the strategy object (single and chunked
/// backtests, portfolios) and the research kernel (grids, walk-forward). The only file that knows both entry
/// points, so that a refactor of the signal code changes only this.
/// </summary>
public static class SignalPaths
{
    public static TheoryData<string> Names() => new() { "strategy", "research" };

    public static sbyte[] Run(string path, BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters)
    {
        var config = EngineRun.Config(strategyId, parameters);
        var signals = new sbyte[bars.Count];
        switch (path)
        {
            case "strategy":
                config.CreateStrategy().GenerateSignals(bars, signals);
                break;
            case "research":
                new ResearchBacktester(bars, StrategyCatalog.Find(strategyId)!, BacktestOptions.Default).GenerateSignals(config, signals);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path), path, "allowed: strategy, research");
        }
        return signals;
    }
}
