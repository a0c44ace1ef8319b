using Backtesting.Application.Curves;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Strategies;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Stitches the chunks' equity and trades, computes the metrics over the whole curve, stores the
/// curve blob, then commits result, trades and status in one transaction (a run cancelled meanwhile
/// keeps none of it). Safe to retry: a run already completed answers with its stored result.
/// </summary>
public sealed class FinalizeBacktestActivity(
    IRunStore runs, BarLoader bars, IBlobStore blobs, IRunEventPublisher events, BacktestingMetrics metrics, TimeProvider time)
    : Activity<FinalizeInput, RunOutcome>
{
    public override async Task<RunOutcome> RunAsync(FinalizeInput input, CancellationToken ct)
    {
        var job = input.Job;
        var run = await runs.GetByIdAsync(job.RunId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {job.RunId} does not exist");
        if (run.Status == RunStatus.Completed)
        {
            var stored = await runs.GetResultAsync(job.RunId, ct).ConfigureAwait(false);
            return new RunOutcome(job.RunId, RunStatus.Completed, (double?)stored?.FinalCapital, stored?.TotalTrades);
        }
        if (RunStatus.IsTerminal(run.Status)) return new RunOutcome(job.RunId, run.Status, Error: run.Error);

        var series = await bars.LoadAsync(job.AssetSymbol, job.Timeframe, job.StartDate, job.EndDate, ct).ConfigureAwait(false);
        var equity = new double[series.Count];
        var closed = new List<Trade>();
        for (int k = 0; k < input.Plan.ChunkCount; k++)
        {
            var chunk = EquityCurveCodec.Decode(await RequireAsync(RunBlobNames.ChunkEquity(job.RunId, k), ct).ConfigureAwait(false));
            chunk.Values.CopyTo(equity, input.Plan.Boundaries[k]);
            var trades = WorkflowJson.Deserialize<List<Trade>>(System.Text.Encoding.UTF8.GetString(await RequireAsync(RunBlobNames.ChunkTrades(job.RunId, k), ct).ConfigureAwait(false)));
            closed.AddRange(trades);
        }

        var config = StrategyConfigValidator.Validate(job.StrategyId, job.Parameters, strategies: StoredStrategyDefinitions.Lookup(job.UserStrategies)).GetConfigOrThrow();
        var settings = config.ToSimulationSettings(job.InitialCapital);
        var state = input.State with { };
        var simulator = new BacktestSimulator(series, new sbyte[series.Count], settings);
        var open = simulator.Finish(state, equity, closed);
        var result = BacktestEngine.Assemble(series, new SimulationOutput(equity, closed, open, state), job.InitialCapital, job.ToBacktestOptions());

        string curveBlob = await blobs.PutAsync(RunBlobNames.Curve(job.RunId), EquityCurveCodec.Encode(new EquityCurve(series.Timestamps, equity)), EquityCurveCodec.ContentType, ct).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var record = ResultRecords.Result(job.RunId, result, curveBlob, now);
        var tradeRecords = ResultRecords.Trades(job.RunId, result.Trades);
        if (await RunCompleter.CompleteOrDiscardAsync(runs, blobs, new RunCompletion(job.RunId, record, tradeRecords, now), ct).ConfigureAwait(false) is { } ended)
            return new RunOutcome(job.RunId, ended);

        for (int k = 0; k < input.Plan.ChunkCount; k++)
        {
            await blobs.DeleteAsync(RunBlobNames.ChunkEquity(job.RunId, k), ct).ConfigureAwait(false);
            await blobs.DeleteAsync(RunBlobNames.ChunkTrades(job.RunId, k), ct).ConfigureAwait(false);
        }
        metrics.RunCompleted(run.Kind, now - run.CreatedAt);
        events.Publish(new RunEvent(RunEvent.Complete, job.RunId, job.UserId, CompletionMessage.Create(job.RunId, RunStatus.Completed, record, tradeRecords)));
        return new RunOutcome(job.RunId, RunStatus.Completed, result.Metrics.FinalCapital, result.Metrics.TotalTrades);
    }

    private async Task<byte[]> RequireAsync(string name, CancellationToken ct) =>
        await blobs.GetAsync(name, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"partial result blob {name} is missing");
}
