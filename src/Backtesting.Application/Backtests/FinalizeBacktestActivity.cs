using Backtesting.Application.Curves;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Stitches the chunks' equity and trades (from their blobs, or a one-chunk run's from memory: <see cref="ChunkHandOverOptions"/>),
/// computes the metrics over the whole curve, stores the curve blob, then commits result, trades, last progress and
/// status in one transaction (a run cancelled meanwhile keeps none of it). Safe to retry: a run already completed
/// answers with its stored result.
/// </summary>
public sealed class FinalizeBacktestActivity(
    IRunStore runs, BacktestInputsCache inputs, IBlobStore blobs, IRunEventPublisher events, BacktestingMetrics metrics, TimeProvider time,
    IOptions<ChunkHandOverOptions> handOver)
    : Activity<FinalizeInput, RunOutcome>
{
    public override async Task<RunOutcome> RunAsync(FinalizeInput input, CancellationToken ct)
    {
        var job = input.Job;
        var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {job.RunId} does not exist");
        if (run.Status == RunStatus.Completed)
        {
            inputs.Evict(job.RunId);
            var stored = await runs.GetResultAsync(job.RunId, ct).ConfigureAwait(false);
            return new RunOutcome(job.RunId, RunStatus.Completed, (double?)stored?.FinalCapital, stored?.TotalTrades);
        }
        if (RunStatus.IsTerminal(run.Status))
        {
            inputs.Evict(job.RunId);
            return new RunOutcome(job.RunId, run.Status, Error: run.Error);
        }

        var prepared = await inputs.GetAsync(job, input.Plan.BarCount, ct).ConfigureAwait(false);
        var series = prepared.Series;
        var simulator = prepared.CreateSimulator();
        bool throughBlobs = handOver.Value.ThroughBlobs(input.Plan.ChunkCount);
        var (equity, closed, state) = throughBlobs
            ? await StitchChunksAsync(job.RunId, input, series.Count, ct).ConfigureAwait(false)
            : OnlyChunk(job, input.State, prepared, simulator);
        int tradesExecuted = state.ClosedTrades; // what the last chunk reported, before an open position is closed at the end
        var open = simulator.Finish(state, equity, closed);
        var result = BacktestEngine.Assemble(series, new SimulationOutput(equity, closed, open, state), job.InitialCapital, job.ToBacktestOptions());

        string curveBlob = await blobs.PutAsync(RunBlobNames.Curve(job.RunId), EquityCurveCodec.Encode(new EquityCurve(series.Timestamps, equity)), EquityCurveCodec.ContentType, ct).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var record = ResultRecords.Result(job.RunId, result, curveBlob, now);
        var tradeRecords = ResultRecords.Trades(job.RunId, result.Trades);
        inputs.Evict(job.RunId);
        var completion = new RunCompletion(job.RunId, record, tradeRecords, now)
        {
            FinalProgress = new RunProgress(job.RunId, 100, series.TimeAt(series.Count - 1), tradesExecuted),
        };
        if (await RunCompleter.CompleteOrDiscardAsync(runs, blobs, completion, ct).ConfigureAwait(false) is { } ended)
            return new RunOutcome(job.RunId, ended);

        if (throughBlobs)
        {
            for (int k = 0; k < input.Plan.ChunkCount; k++)
            {
                await blobs.DeleteAsync(RunBlobNames.ChunkEquity(job.RunId, k), ct).ConfigureAwait(false);
                await blobs.DeleteAsync(RunBlobNames.ChunkTrades(job.RunId, k), ct).ConfigureAwait(false);
            }
        }
        metrics.RunCompleted(run.Kind, now - run.CreatedAt);
        events.Publish(new RunEvent(RunEvent.Complete, job.RunId, job.UserId, CompletionMessage.Create(job.RunId, RunStatus.Completed, record, tradeRecords)));
        return new RunOutcome(job.RunId, RunStatus.Completed, result.Metrics.FinalCapital, result.Metrics.TotalTrades);
    }

    /// <summary>
    /// The only chunk's equity, trades and final state: as the chunk left them in the cache, or (not there: the chunk ran
    /// before a restart) simulated again from the start, the same numbers for any chunking.
    /// </summary>
    private (double[] Equity, List<Trade> Closed, SimulatorState State) OnlyChunk(BacktestJob job, SimulatorState chunkState, BacktestInputs prepared, BacktestSimulator simulator)
    {
        int bars = prepared.Series.Count;
        if (inputs.TakeOnlyChunk(job.RunId) is { } kept && kept.Equity.Length == bars)
            return (kept.Equity, kept.Trades, chunkState with { });
        var state = SimulatorState.Initial(job.InitialCapital);
        var equity = new double[bars];
        var closed = new List<Trade>();
        simulator.Advance(state, bars, equity, closed);
        return (equity, closed, state);
    }

    /// <summary>The chunks' equity and trades read back from their blobs, with the last chunk's state.</summary>
    private async Task<(double[] Equity, List<Trade> Closed, SimulatorState State)> StitchChunksAsync(string runId, FinalizeInput input, int bars, CancellationToken ct)
    {
        var equity = new double[bars];
        var closed = new List<Trade>();
        for (int k = 0; k < input.Plan.ChunkCount; k++)
        {
            var chunk = EquityCurveCodec.Decode(await RequireAsync(RunBlobNames.ChunkEquity(runId, k), ct).ConfigureAwait(false));
            chunk.Values.CopyTo(equity, input.Plan.Boundaries[k]);
            var trades = WorkflowJson.Deserialize<List<Trade>>(System.Text.Encoding.UTF8.GetString(await RequireAsync(RunBlobNames.ChunkTrades(runId, k), ct).ConfigureAwait(false)));
            closed.AddRange(trades);
        }
        return (equity, closed, input.State with { });
    }

    private async Task<byte[]> RequireAsync(string name, CancellationToken ct) =>
        await blobs.GetAsync(name, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"partial result blob {name} is missing");
}
