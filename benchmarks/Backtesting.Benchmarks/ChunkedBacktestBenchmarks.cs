using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Engine.Data;
using Backtesting.Engine.Simulation;

namespace Backtesting.Benchmarks;

/// <summary>
/// Issue 17: the engine work of a backtest in 50 chunks against one pass (sma_crossover 10/30 long, 1 bp, gbm_1000000),
/// as the activities do it, summed: the preparation's signal pass (BacktestInputs, then held by the run's cache), per
/// chunk a simulator over the cached inputs, a copy of the handed state and one Advance, then the finalization's Finish
/// and BacktestEngine.Assemble (metrics). "in one process" is the in-process runner's hand-over (every chunk writes
/// into the run's RunRecording: its equity buffer and trade log). "through blobs" is the Durable hand-over as the
/// activities now do it: each chunk simulates into its own pooled ChunkRecording (curve and trade values), and the
/// finalization appends every chunk's curve and trade values to one RunRecording of the run and calls the same Finish;
/// the engine part leaves the blob codec, storage and JSON out, as they are of the one pass (whose finalization stores
/// the same curve), and "with the blob codec" adds ChunkBlobs' encode and decode (EQC2 curves, CHTR binary trades,
/// both since 2026-12-05; "EQC1" the Brotli curves written before, with CHTR trades). The engine part as it was before 2026-12-05 (a fresh equity array and Trade
/// list per chunk, stitched by copies: 4.54x one pass) is in docs/performance-log.md.
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

    [Benchmark(Description = "50 chunks in one process (RunRecording)")]
    public double ChunksInOneProcess()
    {
        var inputs = BacktestInputs.Create(_job, _bars);
        var plan = BacktestPlan.Create(_bars.Count, Chunks);
        var state = SimulatorState.Initial(_job.InitialCapital);
        var recording = new RunRecording(_bars);
        for (int k = 0; k < plan.ChunkCount; k++)
        {
            state = state with { };
            inputs.CreateSimulator().Advance(state, plan.Boundaries[k + 1], recording);
        }
        var output = inputs.CreateSimulator().Finish(state with { }, recording);
        return BacktestEngine.Assemble(_bars, output, _job.InitialCapital, _job.ToBacktestOptions()).Metrics.FinalCapital;
    }

    [Benchmark(Description = "50 chunks through blobs (engine part)")]
    public double ChunksThroughBlobs()
    {
        var inputs = BacktestInputs.Create(_job, _bars);
        var plan = BacktestPlan.Create(_bars.Count, Chunks);
        var state = SimulatorState.Initial(_job.InitialCapital);
        // the finalization's recording of the run, filled here chunk by chunk as it is from the decoded blobs
        var run = new RunRecording(_bars);
        for (int k = 0; k < plan.ChunkCount; k++)
        {
            state = state with { };
            using var chunk = new ChunkRecording(_bars, plan.Boundaries[k], plan.Boundaries[k + 1]);
            inputs.CreateSimulator().Advance(state, plan.Boundaries[k + 1], chunk);
            // what the blobs carry (the curve's values, the trades' values) lands in the run's recording
            chunk.Equity.CopyTo(run.Append(plan.Boundaries[k + 1], chunk.ClosedTrades));
        }
        var output = inputs.CreateSimulator().Finish(state with { }, run);
        return BacktestEngine.Assemble(_bars, output, _job.InitialCapital, _job.ToBacktestOptions()).Metrics.FinalCapital;
    }

    [Benchmark(Description = "50 chunks through blobs, with the blob codec (encode, decode)")]
    public double ChunksThroughBlobsWithCodec() => ThroughBlobs(ChunkBlobs.Encode);

    [Benchmark(Description = "50 chunks through blobs, with the EQC1 curve codec (before 2026-12-05)")]
    public double ChunksThroughBlobsWithCodecEqc1() => ThroughBlobs(chunk =>
        // ChunkBlobs.Encode with the legacy curve writer; ChunkBlobs.DecodeInto reads either version
        (EquityCurveFormat1.Encode(_bars.Timestamps.AsSpan(chunk.FirstBar, chunk.Equity.Length), chunk.Equity),
            ChunkTradesCodec.Encode(_bars, chunk.FirstBar, chunk.NextBar, chunk.ClosedTrades)));

    /// <summary>The chunks encoded by <paramref name="encode"/>, then decoded into the run's recording and finished, as the activities do.</summary>
    private double ThroughBlobs(Func<ChunkRecording, (byte[] Equity, byte[] Trades)> encode)
    {
        var inputs = BacktestInputs.Create(_job, _bars);
        var plan = BacktestPlan.Create(_bars.Count, Chunks);
        var state = SimulatorState.Initial(_job.InitialCapital);
        var blobs = new (byte[] Equity, byte[] Trades)[plan.ChunkCount];
        for (int k = 0; k < plan.ChunkCount; k++)
        {
            state = state with { };
            using var chunk = new ChunkRecording(_bars, plan.Boundaries[k], plan.Boundaries[k + 1]);
            inputs.CreateSimulator().Advance(state, plan.Boundaries[k + 1], chunk);
            blobs[k] = encode(chunk);
        }
        var run = new RunRecording(_bars);
        for (int k = 0; k < plan.ChunkCount; k++)
            ChunkBlobs.DecodeInto(run, plan.Boundaries[k + 1], blobs[k].Equity, blobs[k].Trades);
        var output = inputs.CreateSimulator().Finish(state with { }, run);
        return BacktestEngine.Assemble(_bars, output, _job.InitialCapital, _job.ToBacktestOptions()).Metrics.FinalCapital;
    }
}
