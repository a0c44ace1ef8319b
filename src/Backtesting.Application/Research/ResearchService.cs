using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Research;

/// <summary>Research job use cases shared by REST, MCP and Functions: submit, and read summaries and cell tables.</summary>
public sealed class ResearchService(ResearchRunFactory factory, IRunStore runs, IBlobStore blobs, BacktestService backtests)
{
    public const int DefaultBatchSize = 25;

    /// <summary>Validates a grid search (every field, and the grid against the strategy), then starts it.</summary>
    public async Task<RunView> SubmitOptimizationAsync(string userId, OptimizationApiRequest? request, CancellationToken ct = default)
    {
        if (request is null) throw new ValidationException([new ValidationError("body", null, "is required: a JSON object with strategy_id, asset_symbol, grid, objective")]);
        var errors = new List<ValidationError>();
        var scope = factory.ValidateScope(request, errors);
        var axes = new List<ParameterAxis>();
        if (request.Grid is null || request.Grid.Count == 0)
            errors.Add(new ValidationError("grid", null, "is required: {\"fast_period\": {\"start\": 5, \"stop\": 50, \"step\": 5}, \"slow_period\": [20, 40]}"));
        foreach (var (name, spec) in request.Grid ?? [])
        {
            try
            {
                axes.Add(GridAxes.Parse(name, spec));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
            {
                errors.Add(new ValidationError($"grid.{name}", spec.GetRawText(), ex.Message.Split(" (Parameter")[0]));
            }
        }
        int topN = request.TopN ?? 10;
        if (topN is < 1 or > 1000) errors.Add(new ValidationError("top_n", topN.ToString(CultureInfo.InvariantCulture), "must be in [1, 1000]"));
        int batch = request.BatchSize ?? DefaultBatchSize;
        if (batch is < 1 or > 10_000) errors.Add(new ValidationError("batch_size", batch.ToString(CultureInfo.InvariantCulture), "must be in [1, 10000]"));
        if (request.RandomSamples is { } samples && samples < 1) errors.Add(new ValidationError("random_samples", samples.ToString(CultureInfo.InvariantCulture), "must be >= 1"));
        string strategyId = request.StrategyId ?? "";
        var engineRequest = new OptimizationRequest
        {
            StrategyId = strategyId,
            FixedParameters = (request.Parameters ?? []).ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
            Axes = axes,
            Objective = request.Objective ?? MetricNames.SharpeRatio,
            Maximize = request.Maximize,
            InitialCapital = scope?.InitialCapital ?? 1,
            RandomSamples = request.RandomSamples,
            Seed = request.Seed ?? 0,
            MaxCells = factory.Limits.MaxGridCells,
        };
        if (axes.Count > 0 || request.Grid is null) errors.AddRange(GridOptimizer.Validate(engineRequest).Where(e => e.Field != "grid" || axes.Count > 0));
        if (errors.Count > 0 || scope is null) throw new ValidationException(errors);

        var series = await factory.LoadAsync(scope, ct).ConfigureAwait(false);
        string runId = RunIds.New();
        var job = new OptimizationJob
        {
            RunId = runId,
            UserId = userId,
            Scope = scope,
            StrategyId = strategyId,
            FixedParameters = request.Parameters ?? [],
            Grid = request.Grid!,
            Objective = engineRequest.Objective,
            Maximize = request.Maximize,
            RandomSamples = request.RandomSamples,
            Seed = engineRequest.Seed,
            TopN = topN,
            BatchSize = batch,
        };
        string parameters = JsonSerializer.Serialize(new { fixed_parameters = job.FixedParameters, grid = job.Grid, objective = job.Objective }, WorkflowJson.Options);
        return await factory.CreateAndStartAsync(userId, RunKind.Optimization, runId, strategyId, scope, series, parameters, WorkflowJson.Serialize(job), job, ct).ConfigureAwait(false);
    }

    /// <summary>A research run of <paramref name="kind"/>: status, and when completed its summary (and representative backtest metrics).</summary>
    public async Task<JsonObject?> GetSummaryAsync(string userId, string runId, string kind, CancellationToken ct = default)
    {
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null || run.Kind != kind) return null;
        var json = JsonSerializer.SerializeToNode(RunView.From(run), WorkflowJson.Options)!.AsObject();
        if (run.Status == RunStatus.Completed && await runs.GetResultAsync(runId, ct).ConfigureAwait(false) is { } result)
            json["summary"] = JsonNode.Parse(result.Metrics);
        return json;
    }

    /// <summary>One page of an optimization's full cell table (grid order).</summary>
    public async Task<JsonObject?> GetCellsAsync(string userId, string runId, int offset, int limit, CancellationToken ct = default)
    {
        if (offset < 0 || limit is < 1 or > BacktestService.MaxPageSize)
            throw new ValidationException([new ValidationError(offset < 0 ? "offset" : "limit", (offset < 0 ? offset : limit).ToString(CultureInfo.InvariantCulture),
                offset < 0 ? "must be >= 0" : $"must be in [1, {BacktestService.MaxPageSize}]")]);
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null || run.Kind != RunKind.Optimization) return null;
        if (run.Status != RunStatus.Completed) return new JsonObject { ["backtest_id"] = runId, ["status"] = run.Status, ["items"] = new JsonArray(), ["total"] = 0 };
        var bytes = await blobs.GetAsync(ResearchResults.CellsBlob(runId), ct).ConfigureAwait(false) ?? [];
        var cells = bytes.Length == 0 ? [] : WorkflowJson.Deserialize<List<OptimizationCell>>(Encoding.UTF8.GetString(bytes));
        return new JsonObject
        {
            ["backtest_id"] = runId,
            ["status"] = run.Status,
            ["items"] = new JsonArray(cells.Skip(offset).Take(limit).Select(c => (JsonNode)FinalizeOptimizationActivity.CellJson(c)).ToArray()),
            ["total"] = cells.Count,
            ["offset"] = offset,
            ["limit"] = limit,
        };
    }

    /// <summary>Cancels a research run like a backtest (same rules).</summary>
    public Task<RunView?> CancelAsync(string userId, string runId, CancellationToken ct = default) => backtests.CancelAsync(userId, runId, ct);
}
