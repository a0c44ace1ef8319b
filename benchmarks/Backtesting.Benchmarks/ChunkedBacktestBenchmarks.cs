using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Backtesting.Application.Backtests;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;

namespace Backtesting.Benchmarks;

/// <summary>
/// Issue 17: the engine work of a backtest in 50 chunks against one pass (sma_crossover 10/30 long, 1 bp, gbm_1000000).
/// "signals once" is what the activities do now (BacktestInputs from the run's cache, one Advance per chunk, Finish,
/// metrics); "signals per chunk" is what they did before (every chunk and the finalization generated the signals again).
/// Blob and storage work is not engine time and is left out of all three.
/// </summary>
[MemoryDiagnoser]
public class ChunkedBacktestBenchmarks
{
    private const int Chunks = 50;
    private BarSeries _bars = null!;
    private BacktestJob _job = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = ReferenceData.Load("gbm_1000000.csv.gz", 1_000_000);
        _job = new BacktestJob
        {
            RunId = "bench", UserId = "bench", StrategyId = "sma_crossover", AssetSymbol = "GBM", Timeframe = "1m", InitialCapital = 100_000,
            Parameters = new()
            {
                ["fast_period"] = JsonSerializer.SerializeToElement(10), ["slow_period"] = JsonSerializer.SerializeToElement(30),
                ["commission"] = JsonSerializer.SerializeToElement(0.0001),
            },
        };
    }

    [Benchmark(Baseline = true, Description = "one pass")]
    public double OnePass()
    {
        var inputs = BacktestInputs.Create(_job, _bars);
        var output = inputs.CreateSimulator().Run();
        return BacktestEngine.Assemble(_bars, output, _job.InitialCapital, _job.ToBacktestOptions()).Metrics.FinalCapital;
    }

    [Benchmark(Description = "50 chunks, signals once")]
    public double ChunksSignalsOnce() => Chunked(perChunkSignals: false);

    [Benchmark(Description = "50 chunks, signals per chunk (before)")]
    public double ChunksSignalsPerChunk() => Chunked(perChunkSignals: true);

    private double Chunked(bool perChunkSignals)
    {
        var inputs = BacktestInputs.Create(_job, _bars);
        var plan = BacktestPlan.Create(_bars.Count, Chunks);
        var state = SimulatorState.Initial(_job.InitialCapital);
        var equity = new double[_bars.Count];
        var closed = new List<Trade>();
        for (int k = 0; k < plan.ChunkCount; k++)
        {
            if (perChunkSignals) inputs = BacktestInputs.Create(_job, _bars);
            var chunkEquity = new double[plan.Boundaries[k + 1] - plan.Boundaries[k]];
            var chunkTrades = new List<Trade>();
            inputs.CreateSimulator().Advance(state, plan.Boundaries[k + 1], chunkEquity, chunkTrades);
            chunkEquity.CopyTo(equity, plan.Boundaries[k]);
            closed.AddRange(chunkTrades);
        }
        if (perChunkSignals) inputs = BacktestInputs.Create(_job, _bars);
        var open = inputs.CreateSimulator().Finish(state, equity, closed);
        var result = BacktestEngine.Assemble(_bars, new SimulationOutput(equity, closed, open, state), _job.InitialCapital, _job.ToBacktestOptions());
        return result.Metrics.FinalCapital;
    }
}
