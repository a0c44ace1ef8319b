using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Simulates one chunk from the handed-in state, stores its equity and trades as blobs (partial
/// results), reports progress, and hands the new state on. Bars and signals come from the run's
/// <see cref="BacktestInputsCache"/> entry (signals are causal, so the whole series' signals give the same
/// decisions as any prefix's).
/// </summary>
public sealed class SimulateChunkActivity(IRunStore runs, BacktestInputsCache inputs, IBlobStore blobs, RunProgressReporter reporter) : Activity<ChunkInput, ChunkOutcome>
{
    public override async Task<ChunkOutcome> RunAsync(ChunkInput input, CancellationToken ct)
    {
        var job = input.Job;
        var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false);
        if (run is null || run.Status == RunStatus.Cancelled)
        {
            inputs.Evict(job.RunId);
            return new ChunkOutcome(input.State, run?.Progress ?? 0, run?.CurrentDate, run?.TradesExecuted ?? 0, Cancelled: true);
        }

        var prepared = await inputs.GetAsync(job, input.BarCount, ct).ConfigureAwait(false);
        var series = prepared.Series;
        var simulator = prepared.CreateSimulator();

        var state = input.State with { };
        var equity = new double[input.ToBar - input.FromBar];
        var trades = new List<Trade>();
        simulator.Advance(state, input.ToBar, equity, trades);

        var curve = new EquityCurve(series.Timestamps[input.FromBar..input.ToBar], equity);
        await blobs.PutAsync(RunBlobNames.ChunkEquity(job.RunId, input.ChunkIndex), EquityCurveCodec.Encode(curve), EquityCurveCodec.ContentType, ct).ConfigureAwait(false);
        await blobs.PutAsync(RunBlobNames.ChunkTrades(job.RunId, input.ChunkIndex), System.Text.Encoding.UTF8.GetBytes(WorkflowJson.Serialize(trades)), "application/json", ct).ConfigureAwait(false);
        // A cancel or failure while this chunk ran may have discarded the working folder before these blobs
        // landed: look again, and clean up after ourselves (without the token, which a cancel trips).
        var current = await runs.GetByIdAsync(job.RunId, CancellationToken.None).ConfigureAwait(false);
        if (current is null || RunStatus.IsTerminal(current.Status))
        {
            await blobs.DeleteAsync(RunBlobNames.ChunkEquity(job.RunId, input.ChunkIndex), CancellationToken.None).ConfigureAwait(false);
            await blobs.DeleteAsync(RunBlobNames.ChunkTrades(job.RunId, input.ChunkIndex), CancellationToken.None).ConfigureAwait(false);
            inputs.Evict(job.RunId);
            return new ChunkOutcome(input.State, current?.Progress ?? 0, current?.CurrentDate, current?.TradesExecuted ?? 0, Cancelled: true);
        }

        double progress = Math.Round(100.0 * input.ToBar / Math.Max(1, input.BarCount), 2);
        var currentDate = input.ToBar > 0 ? series.TimeAt(input.ToBar - 1) : (DateTime?)null;
        await reporter.ReportAsync(job.UserId, new RunProgress(job.RunId, progress, currentDate, state.ClosedTrades), ct).ConfigureAwait(false);
        return new ChunkOutcome(state, progress, currentDate, state.ClosedTrades);
    }
}
