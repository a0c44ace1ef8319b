using Backtesting.Application.Curves;
using Backtesting.Application.Events;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Takes the chunks' equity and trades (the run's <see cref="RunRecording"/> in this process, or their blobs: <see cref="ChunkHandOverOptions"/>),
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
        // The run is not read first (issue 17): its completion below is refused once it has ended, which settles every case
        // the read did (cancelled or failed meanwhile: what was written is discarded; completed, a retry: its stored result
        // answers), only later; the job holds the creation time the duration metric needs.
        var prepared = await inputs.GetAsync(job, input.Plan.BarCount, ct).ConfigureAwait(false);
        var series = prepared.Series;
        var simulator = prepared.CreateSimulator();
        bool throughBlobs = !handOver.Value.InProcess;
        int tradesExecuted = input.State.ClosedTrades; // what the last chunk reported, before an open position is closed at the end
        var output = throughBlobs
            ? await FromChunkBlobsAsync(job.RunId, input, prepared, simulator, ct).ConfigureAwait(false)
            : FromRecording(job, input.State, prepared, simulator);
        // The curve is final here: it is encoded and written on another core while the metrics are computed (both only
        // read it), and the completion below still waits for the file.
        var curveWrite = Task.Run(() => blobs.PutAsync(RunBlobNames.Curve(job.RunId), EquityCurveCodec.Encode(new EquityCurve(series.Timestamps, output.Equity)), EquityCurveCodec.ContentType, ct), ct);
        BacktestResult result;
        try
        {
            result = BacktestEngine.Assemble(series, output, job.InitialCapital, job.ToBacktestOptions());
        }
        catch
        {
            // the failure path discards the run's curve: let the write land first
            await curveWrite.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
        string curveBlob = await curveWrite.ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var record = ResultRecords.Result(job.RunId, result, curveBlob, now);
        var tradeRecords = ResultRecords.Trades(job.RunId, result.Trades);
        inputs.Evict(job.RunId);
        var completion = new RunCompletion(job.RunId, record, tradeRecords, now)
        {
            FinalProgress = new RunProgress(job.RunId, 100, series.TimeAt(series.Count - 1), tradesExecuted),
        };
        string? ended;
        try
        {
            ended = await RunCompleter.CompleteOrDiscardAsync(runs, blobs, completion, ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // refused and neither cancelled nor failed: completed before (a retry) answers with its stored result, which the
            // curve just written again equals (deterministic)
            var stored = await runs.GetResultAsync(job.RunId, CancellationToken.None).ConfigureAwait(false);
            if (stored is null) throw;
            return new RunOutcome(job.RunId, RunStatus.Completed, (double?)stored.FinalCapital, stored.TotalTrades);
        }
        if (ended is not null)
            return new RunOutcome(job.RunId, ended);

        if (throughBlobs)
        {
            for (int k = 0; k < input.Plan.ChunkCount; k++)
            {
                await blobs.DeleteAsync(RunBlobNames.ChunkEquity(job.RunId, k), ct).ConfigureAwait(false);
                await blobs.DeleteAsync(RunBlobNames.ChunkTrades(job.RunId, k), ct).ConfigureAwait(false);
            }
        }
        var createdAt = job.CreatedAt ?? (await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false))?.CreatedAt ?? now; // jobs stored before CreatedAt
        metrics.RunCompleted(RunKind.Backtest, now - createdAt);
        events.Publish(new RunEvent(RunEvent.Complete, job.RunId, job.UserId, CompletionMessage.Create(job.RunId, RunStatus.Completed, record, tradeRecords)));
        return new RunOutcome(job.RunId, RunStatus.Completed, result.Metrics.FinalCapital, result.Metrics.TotalTrades);
    }

    /// <summary>
    /// The run's output from the recording its chunks filled, or (not there or not complete: the chunks ran before a
    /// restart, or the inputs were loaded again meanwhile) simulated again from the start, the same numbers for any chunking.
    /// </summary>
    private SimulationOutput FromRecording(BacktestJob job, SimulatorState chunkState, BacktestInputs prepared, BacktestSimulator simulator)
    {
        int bars = prepared.Series.Count;
        if (inputs.TakeRecording(job.RunId, prepared, bars) is { IsComplete: true } recorded)
            return simulator.Finish(chunkState with { }, recorded);
        var state = SimulatorState.Initial(job.InitialCapital);
        var recording = new RunRecording(prepared.Series);
        simulator.Advance(state, bars, recording);
        return simulator.Finish(state, recording);
    }

    /// <summary>
    /// The chunks' equity and trades decoded from their blobs straight into one recording of the run, then finished as
    /// the in-process hand-over's recording is (the same Finish, the same output).
    /// </summary>
    private async Task<SimulationOutput> FromChunkBlobsAsync(string runId, FinalizeInput input, BacktestInputs prepared, BacktestSimulator simulator, CancellationToken ct)
    {
        var recording = new RunRecording(prepared.Series);
        for (int k = 0; k < input.Plan.ChunkCount; k++)
        {
            byte[] equity = await RequireAsync(RunBlobNames.ChunkEquity(runId, k), ct).ConfigureAwait(false);
            byte[] trades = await RequireAsync(RunBlobNames.ChunkTrades(runId, k), ct).ConfigureAwait(false);
            ChunkBlobs.DecodeInto(recording, input.Plan.Boundaries[k + 1], equity, trades);
        }
        return simulator.Finish(input.State with { }, recording);
    }

    private async Task<byte[]> RequireAsync(string name, CancellationToken ct) =>
        await blobs.GetAsync(name, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"partial result blob {name} is missing");
}
