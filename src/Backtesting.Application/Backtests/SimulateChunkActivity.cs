using Backtesting.Application.Curves;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Simulates one chunk from the handed-in state, leaves its equity and trades for the finalization, reports
/// progress, and hands the new state on. Bars and signals come from the run's <see cref="BacktestInputsCache"/> entry
/// (signals are causal, so the whole series' signals give the same decisions as any prefix's). Under the in-process
/// runner the chunk writes into the run's <see cref="RunRecording"/> in that entry; where activities may run in other
/// processes (Durable workers) it stores its results as blobs for the finalization (<see cref="ChunkHandOverOptions"/>).
/// </summary>
public sealed class SimulateChunkActivity(IRunStore runs, BacktestInputsCache inputs, IBlobStore blobs, RunProgressReporter reporter, IOptions<ChunkHandOverOptions> handOver)
    : Activity<ChunkInput, ChunkOutcome>
{
    public override async Task<ChunkOutcome> RunAsync(ChunkInput input, CancellationToken ct)
    {
        var job = input.Job;
        // The first chunk runs right after the preparation, which has just moved the run to running; later chunks
        // look at the run again, so that a cancel stops the work between chunks.
        if (input.ChunkIndex > 0 && await EndedAsync(input, ct).ConfigureAwait(false) is { } ended)
            return ended;

        var prepared = await inputs.GetAsync(job, input.BarCount, ct).ConfigureAwait(false);
        var series = prepared.Series;
        var simulator = prepared.CreateSimulator();

        var state = input.State with { };
        // In process, straight into the run's curve and trade log. A chunk that cannot continue that recording (inputs
        // evicted or loaded again, a restart midway, a retry) and every chunk on Durable workers simulate into their own
        // pooled recording instead: the former records nothing (the finalization simulates the run again), the latter
        // hand it over as blobs.
        var recording = handOver.Value.InProcess ? inputs.TakeRecording(job.RunId, prepared, input.FromBar) : null;
        if (recording is not null)
        {
            simulator.Advance(state, input.ToBar, recording);
            inputs.KeepRecording(job.RunId, prepared, recording);
        }
        else
        {
            (byte[] Equity, byte[] Trades)? handed = null;
            using (var chunk = new ChunkRecording(series, input.FromBar, input.ToBar))
            {
                simulator.Advance(state, input.ToBar, chunk);
                if (!handOver.Value.InProcess) handed = ChunkBlobs.Encode(chunk);
            }
            if (handed is { } blobsOfChunk && await StoreAsync(input, blobsOfChunk.Equity, blobsOfChunk.Trades, ct).ConfigureAwait(false) is { } endedMeanwhile)
                return endedMeanwhile;
        }

        double progress = Math.Round(100.0 * input.ToBar / Math.Max(1, input.BarCount), 2);
        var currentDate = input.ToBar > 0 ? series.TimeAt(input.ToBar - 1) : (DateTime?)null;
        var report = new RunProgress(job.RunId, progress, currentDate, state.ClosedTrades);
        // the last chunk's progress is stored by the completion (RunCompletion.FinalProgress), right after it
        if (input.ToBar == input.BarCount)
            reporter.Announce(job.UserId, report);
        else
            await reporter.ReportAsync(job.UserId, report, ct).ConfigureAwait(false);
        return new ChunkOutcome(state, progress, currentDate, state.ClosedTrades);
    }

    /// <summary>
    /// Stores the chunk's blobs (ChunkBlobs: EQC2 curve, CHTR trades) for the finalization; a cancelled outcome when the
    /// run ended meanwhile, its blobs deleted again; else null.
    /// </summary>
    private async Task<ChunkOutcome?> StoreAsync(ChunkInput input, byte[] equity, byte[] trades, CancellationToken ct)
    {
        string runId = input.Job.RunId;
        await blobs.PutAsync(RunBlobNames.ChunkEquity(runId, input.ChunkIndex), equity, EquityCurveCodec.ContentType, ct).ConfigureAwait(false);
        await blobs.PutAsync(RunBlobNames.ChunkTrades(runId, input.ChunkIndex), trades, ChunkTradesCodec.ContentType, ct).ConfigureAwait(false);
        // A cancel or failure while this chunk ran may have discarded the working folder before these blobs
        // landed: look again, and clean up after ourselves (without the token, which a cancel trips).
        if (await EndedAsync(input, CancellationToken.None).ConfigureAwait(false) is not { } ended) return null;
        await blobs.DeleteAsync(RunBlobNames.ChunkEquity(runId, input.ChunkIndex), CancellationToken.None).ConfigureAwait(false);
        await blobs.DeleteAsync(RunBlobNames.ChunkTrades(runId, input.ChunkIndex), CancellationToken.None).ConfigureAwait(false);
        return ended;
    }

    /// <summary>A cancelled outcome (the chunk's input state unchanged) when the run is gone or ended, its inputs dropped; else null.</summary>
    private async Task<ChunkOutcome?> EndedAsync(ChunkInput input, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(input.Job.RunId, ct).ConfigureAwait(false);
        if (run is not null && !RunStatus.IsTerminal(run.Status)) return null;
        inputs.Evict(input.Job.RunId);
        return new ChunkOutcome(input.State, run?.Progress ?? 0, run?.CurrentDate, run?.TradesExecuted ?? 0, Cancelled: true);
    }
}
