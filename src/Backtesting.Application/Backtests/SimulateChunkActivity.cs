using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Strategies;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Simulates one chunk from the handed-in state, stores its equity and trades as blobs (partial
/// results), reports progress, and hands the new state on. Signals are causal, so computing them
/// over the whole series gives the same decisions as any prefix.
/// </summary>
public sealed class SimulateChunkActivity(IRunStore runs, BarLoader bars, IBlobStore blobs, RunProgressReporter reporter) : Activity<ChunkInput, ChunkOutcome>
{
    public override async Task<ChunkOutcome> RunAsync(ChunkInput input, CancellationToken ct)
    {
        var job = input.Job;
        var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false);
        if (run is null || run.Status == RunStatus.Cancelled)
            return new ChunkOutcome(input.State, run?.Progress ?? 0, run?.CurrentDate, run?.TradesExecuted ?? 0, Cancelled: true);

        var series = await bars.LoadAsync(job.AssetSymbol, job.Timeframe, job.StartDate, job.EndDate, ct).ConfigureAwait(false);
        if (series.Count != input.BarCount)
            throw new InvalidOperationException($"the bars of {job.AssetSymbol} changed while the run was in progress ({input.BarCount} then {series.Count})");
        var config = StrategyConfigValidator.Validate(job.StrategyId, job.Parameters, strategies: StoredStrategyDefinitions.Lookup(job.UserStrategies)).GetConfigOrThrow();
        var signals = new sbyte[series.Count];
        config.CreateStrategy().GenerateSignals(series, signals);
        var simulator = new BacktestSimulator(series, signals, config.ToSimulationSettings(job.InitialCapital));

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
            return new ChunkOutcome(input.State, current?.Progress ?? 0, current?.CurrentDate, current?.TradesExecuted ?? 0, Cancelled: true);
        }

        double progress = Math.Round(100.0 * input.ToBar / Math.Max(1, input.BarCount), 2);
        var currentDate = input.ToBar > 0 ? series.TimeAt(input.ToBar - 1) : (DateTime?)null;
        await reporter.ReportAsync(job.UserId, new RunProgress(job.RunId, progress, currentDate, state.ClosedTrades), ct).ConfigureAwait(false);
        return new ChunkOutcome(state, progress, currentDate, state.ClosedTrades);
    }
}
