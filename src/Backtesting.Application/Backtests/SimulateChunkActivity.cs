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
        if (handOver.Value.InProcess)
        {
            // straight into the run's curve and trade log; a chunk that cannot continue the recording records nothing
            var recording = inputs.TakeRecording(job.RunId, prepared, input.FromBar);
            if (recording is not null)
            {
                simulator.Advance(state, input.ToBar, recording);
                inputs.KeepRecording(job.RunId, prepared, recording);
            }
            else
            {
                using var scratch = new ChunkRecording(series, input.FromBar, input.ToBar);
                simulator.Advance(state, input.ToBar, scratch);
            }
        }
        else
        {
            // into the chunk's own pooled recording, encoded from there (ChunkBlobs: EQC2 curve, JSON trades)
            byte[] equity, trades;
            using (var chunk = new ChunkRecording(series, input.FromBar, input.ToBar))
            {
                simulator.Advance(state, input.ToBar, chunk);
                (equity, trades) = ChunkBlobs.Encode(chunk);
            }
            await blobs.PutAsync(RunBlobNames.ChunkEquity(job.RunId, input.ChunkIndex), equity, EquityCurveCodec.ContentType, ct).ConfigureAwait(false);
            await blobs.PutAsync(RunBlobNames.ChunkTrades(job.RunId, input.ChunkIndex), trades, ChunkBlobs.TradesContentType, ct).ConfigureAwait(false);
            // A cancel or failure while this chunk ran may have discarded the working folder before these blobs
            // landed: look again, and clean up after ourselves (without the token, which a cancel trips).
            if (await EndedAsync(input, CancellationToken.None).ConfigureAwait(false) is { } endedMeanwhile)
            {
                await blobs.DeleteAsync(RunBlobNames.ChunkEquity(job.RunId, input.ChunkIndex), CancellationToken.None).ConfigureAwait(false);
                await blobs.DeleteAsync(RunBlobNames.ChunkTrades(job.RunId, input.ChunkIndex), CancellationToken.None).ConfigureAwait(false);
                return endedMeanwhile;
            }
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

    /// <summary>A cancelled outcome (the chunk's input state unchanged) when the run is gone or ended, its inputs dropped; else null.</summary>
    private async Task<ChunkOutcome?> EndedAsync(ChunkInput input, CancellationToken ct)
    {
        var run = await runs.GetByIdAsync(input.Job.RunId, ct).ConfigureAwait(false);
        if (run is not null && !RunStatus.IsTerminal(run.Status)) return null;
        inputs.Evict(input.Job.RunId);
        return new ChunkOutcome(input.State, run?.Progress ?? 0, run?.CurrentDate, run?.TradesExecuted ?? 0, Cancelled: true);
    }
}
