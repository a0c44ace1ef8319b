using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using System.Text.Json;
using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Strategies;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Views;
using Backtesting.Application.Workflows;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Backtests;

/// <summary>
/// Backtest use cases shared by every host (REST, MCP, Functions): submit, read, list, cancel.
/// Every query is scoped to the caller: another user's run is "not found" (null).
/// </summary>
public sealed class BacktestService(
    IRunStore runs, IMarketDataStore marketData, BarLoader bars, IWorkflowStarter starter, WorkflowRoutes routes, WorkflowCatalog workflows,
    IBlobStore blobs, IOptions<BacktestingLimits> limits, BacktestingMetrics metrics, TimeProvider time, ILogger<BacktestService> logger,
    StrategyResolver strategies)
{
    public const int DefaultMaxPoints = 500;
    public const int MaxPointsLimit = 100_000;
    public const int MaxPageSize = 1000;

    /// <summary>
    /// Validates the request, checks limits, stores the run as pending and starts its workflow. The concurrent-jobs limit
    /// is checked by the insert alone (<see cref="CreateWithinLimitAsync"/>, atomic), not counted before it too, and a
    /// built-in strategy is resolved without reading the user's strategies (issue 17: store reads per submit).
    /// </summary>
    public async Task<RunView> SubmitAsync(string userId, BacktestRequest? request, CancellationToken ct = default)
    {
        var own = await strategies.ForRequestAsync(userId, [request?.StrategyId], ct).ConfigureAwait(false);
        var (parsed, errors) = BacktestRequestValidator.Validate(request, limits.Value, own.Lookup);
        if (parsed is null) throw new ValidationException(errors);
        string symbol = request!.AssetSymbol!.Trim();
        var series = await LoadBarsAsync(symbol, parsed, ct).ConfigureAwait(false);
        if (series.Count > limits.Value.MaxBarsPerRun)
            throw new ValidationException([new ValidationError("start_date/end_date", null, $"select {series.Count} bars, more than the limit of {limits.Value.MaxBarsPerRun} bars per run")]);

        string runId = RunIds.New();
        var now = time.GetUtcNow().UtcDateTime;
        var job = new BacktestJob
        {
            RunId = runId,
            UserId = userId,
            StrategyId = parsed.Config.Definition.Id,
            Parameters = request.Parameters ?? [],
            AssetSymbol = symbol,
            Timeframe = parsed.Timeframe,
            StartDate = parsed.Start,
            EndDate = parsed.End,
            InitialCapital = parsed.InitialCapital,
            RiskFreeRate = parsed.RiskFreeRate,
            Chunks = request.Chunks,
            UserStrategies = own.DefinitionsOf([parsed.Config.Definition.Id]),
            CreatedAt = now,
        };
        var run = new BacktestRun
        {
            Id = runId,
            UserId = userId,
            Kind = RunKind.Backtest,
            StrategyId = job.StrategyId,
            AssetSymbol = symbol,
            StartDate = series.TimeAt(0),
            EndDate = series.TimeAt(series.Count - 1),
            InitialCapital = (decimal)parsed.InitialCapital,
            Parameters = JsonSerializer.Serialize(ResolvedParameters(parsed.Config)),
            Status = RunStatus.Pending,
            Request = WorkflowJson.Serialize(job),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await CreateWithinLimitAsync(run, ct).ConfigureAwait(false);
        metrics.RunStarted(run.Kind);
        logger.LogInformation("Run {RunId} for user {UserId}: {StrategyId} on {Symbol}, {Bars} bars", runId, userId, job.StrategyId, symbol, series.Count);
        await StartWorkflowAsync(run, job, ct).ConfigureAwait(false);
        return RunView.From(run);
    }

    /// <summary>
    /// The run's bars, read before the asset: bars exist only for a stored asset, so the asset is looked up only when there
    /// are none, to answer an unknown symbol as such rather than as an empty window (issue 17: one store read less per submit).
    /// </summary>
    private async Task<BarSeries> LoadBarsAsync(string symbol, BacktestRequestValidator.Parsed parsed, CancellationToken ct)
    {
        ValidationException noBars;
        try
        {
            return await bars.LoadAsync(symbol, parsed.Timeframe, parsed.Start, parsed.End, ct).ConfigureAwait(false);
        }
        catch (ValidationException ex)
        {
            noBars = ex;
        }
        if (await marketData.GetAssetAsync(symbol, ct).ConfigureAwait(false) is not null)
            ExceptionDispatchInfo.Throw(noBars);
        var known = (await marketData.ListAssetsAsync(ct).ConfigureAwait(false)).Select(a => a.Symbol);
        throw new ValidationException([new ValidationError("asset_symbol", $"'{symbol}'", $"is not a known asset; available: {string.Join(", ", known)}")]);
    }

    /// <summary>Starts the workflow of a run just stored (never started: no journal to read); a failure to start marks the run failed.</summary>
    public async Task StartWorkflowAsync(BacktestRun run, object input, CancellationToken ct = default)
    {
        try
        {
            await starter.StartNewAsync(routes.WorkflowFor(run.Kind), run.Id, input, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string error = FailureMessages.ForClient(ex, logger, $"Starting run {run.Id}");
            await runs.TryTransitionAsync(run.Id, [RunStatus.Pending], RunStatus.Failed, "the job could not be started: " + error, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Throws when the user already has the maximum of unfinished jobs and the mode is "reject".</summary>
    public async Task CheckConcurrencyAsync(string userId, CancellationToken ct)
    {
        var l = limits.Value;
        if (l.MaxConcurrentJobsPerUser <= 0 || string.Equals(l.ConcurrencyMode, "queue", StringComparison.OrdinalIgnoreCase)) return;
        int active = await runs.CountActiveAsync(userId, ct).ConfigureAwait(false);
        if (active >= l.MaxConcurrentJobsPerUser)
            throw ConcurrencyLimit(active, l.MaxConcurrentJobsPerUser);
    }

    private static LimitExceededException ConcurrencyLimit(int active, int limit) =>
        new("concurrency", $"you already have {active} unfinished jobs, the limit is {limit}; wait for one to finish or cancel one", TimeSpan.FromSeconds(5));

    /// <summary>
    /// Stores a new run, atomically re-checking the concurrent-jobs limit in "reject" mode: parallel
    /// submissions that all passed <see cref="CheckConcurrencyAsync"/> cannot together exceed it. A run whose kind's
    /// workflow nobody registered is refused before it is stored (the starter would refuse it only after).
    /// </summary>
    public async Task CreateWithinLimitAsync(BacktestRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        workflows.EnsureRegistered(routes.WorkflowFor(run.Kind));
        var l = limits.Value;
        if (l.MaxConcurrentJobsPerUser <= 0 || string.Equals(l.ConcurrencyMode, "queue", StringComparison.OrdinalIgnoreCase))
        {
            await runs.CreateAsync(run, ct).ConfigureAwait(false);
            return;
        }
        if (!await runs.TryCreateWithinLimitAsync(run, l.MaxConcurrentJobsPerUser, ct).ConfigureAwait(false))
            throw ConcurrencyLimit(l.MaxConcurrentJobsPerUser, l.MaxConcurrentJobsPerUser);
    }

    public async Task<RunView?> GetAsync(string userId, string runId, CancellationToken ct = default) =>
        await runs.GetAsync(userId, runId, ct).ConfigureAwait(false) is { } run ? RunView.From(run) : null;

    public async Task<Page<RunView>> ListAsync(string userId, string? status, string? kind, int offset, int limit, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        if (status is not null && !RunStatus.All.Contains(status))
            errors.Add(new ValidationError("status", $"'{status}'", $"must be one of {string.Join(", ", RunStatus.All)}"));
        if (kind is not null && !RunKind.All.Contains(kind))
            errors.Add(new ValidationError("kind", $"'{kind}'", $"must be one of {string.Join(", ", RunKind.All)}"));
        CheckPage(offset, limit, errors);
        if (errors.Count > 0) throw new ValidationException(errors);
        var page = await runs.ListAsync(new RunQuery(userId, status, kind, offset, limit), ct).ConfigureAwait(false);
        return new Page<RunView>(page.Items.Select(RunView.From).ToArray(), page.Total, page.Offset, page.Limit);
    }

    public async Task<ResultsView?> GetResultsAsync(string userId, string runId, int tradeOffset = 0, int tradeLimit = 100, int maxPoints = DefaultMaxPoints, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        CheckPage(tradeOffset, tradeLimit, errors, "trades_offset", "trades_limit");
        CheckMaxPoints(maxPoints, errors);
        if (errors.Count > 0) throw new ValidationException(errors);
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null) return null;
        if (run.Status != RunStatus.Completed)
            return new ResultsView { BacktestId = run.Id, Status = run.Status, Progress = run.Progress, Error = run.Error };
        var result = await runs.GetResultAsync(runId, ct).ConfigureAwait(false);
        var trades = await runs.GetTradesAsync(runId, tradeOffset, tradeLimit, ct).ConfigureAwait(false);
        var equity = await LoadEquityAsync(result, maxPoints, ct).ConfigureAwait(false);
        var (metrics, summary) = SplitMetrics(result);
        return new ResultsView
        {
            BacktestId = run.Id,
            Status = run.Status,
            Progress = run.Progress,
            Metrics = metrics,
            Summary = summary,
            Trades = trades,
            EquityCurve = equity?.Points,
            EquityPointsTotal = equity?.TotalPoints ?? 0,
        };
    }

    public async Task<Page<TradeRecord>?> GetTradesAsync(string userId, string runId, int offset, int limit, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        CheckPage(offset, limit, errors);
        if (errors.Count > 0) throw new ValidationException(errors);
        if (await runs.GetAsync(userId, runId, ct).ConfigureAwait(false) is null) return null;
        return await runs.GetTradesAsync(runId, offset, limit, ct).ConfigureAwait(false);
    }

    public async Task<EquityView?> GetEquityAsync(string userId, string runId, int maxPoints, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        CheckMaxPoints(maxPoints, errors);
        if (errors.Count > 0) throw new ValidationException(errors);
        if (await runs.GetAsync(userId, runId, ct).ConfigureAwait(false) is null) return null;
        var result = await runs.GetResultAsync(runId, ct).ConfigureAwait(false);
        return await LoadEquityAsync(result, maxPoints, ct).ConfigureAwait(false) is { } view ? view with { BacktestId = runId } : new EquityView(runId, 0, maxPoints, []);
    }

    /// <summary>The named metrics of a completed run (all when <paramref name="names"/> is empty); unknown names are a validation error.</summary>
    public async Task<MetricsView?> GetMetricsAsync(string userId, string runId, IReadOnlyList<string>? names, CancellationToken ct = default)
    {
        var wanted = (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var unknown = wanted.Where(n => !MetricNames.IsKnown(n)).ToArray();
        if (unknown.Length > 0)
            throw new ValidationException(unknown.Select(n => new ValidationError("metrics", $"'{n}'", $"is not a metric; allowed: {string.Join(", ", MetricNames.All)}")).ToArray());
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null) return null;
        if (run.Status != RunStatus.Completed) return new MetricsView(run.Id, run.Status, null);
        var all = SplitMetrics(await runs.GetResultAsync(runId, ct).ConfigureAwait(false)).Metrics ?? [];
        var selected = new MetricValues();
        foreach (var name in wanted.Length > 0 ? wanted : MetricNames.All)
            selected[name] = all.GetValueOrDefault(name);
        return new MetricsView(run.Id, run.Status, selected);
    }

    /// <summary>Cancels a pending or running run and discards its working blobs (a finished run is returned unchanged).</summary>
    public async Task<RunView?> CancelAsync(string userId, string runId, CancellationToken ct = default)
    {
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null) return null;
        if (await runs.TryTransitionAsync(runId, [RunStatus.Pending, RunStatus.Running], RunStatus.Cancelled, "cancelled by the user", ct).ConfigureAwait(false))
        {
            await starter.CancelAsync(runId, ct).ConfigureAwait(false);
            await RunCompleter.TryDiscardAsync(blobs, runId, logger).ConfigureAwait(false);
            metrics.RunCancelled(run.Kind);
            logger.LogInformation("Run {RunId} cancelled by user {UserId}", runId, userId);
        }
        return await GetAsync(userId, runId, ct).ConfigureAwait(false);
    }

    private static (MetricValues? Metrics, ResearchSummary? Summary) SplitMetrics(RunResultRecord? result) =>
        result is null ? (null, null) : ResearchSummary.Split(result.Metrics);

    private async Task<EquityView?> LoadEquityAsync(RunResultRecord? result, int maxPoints, CancellationToken ct)
    {
        if (result?.CurveBlob is null) return null;
        var bytes = await blobs.GetAsync(result.CurveBlob, ct).ConfigureAwait(false);
        if (bytes is null) return null;
        return EquityViewOf(result.RunId, EquityCurveCodec.Decode(bytes), maxPoints);
    }

    /// <summary>A curve downsampled to <paramref name="maxPoints"/> as the equity routes serve it.</summary>
    internal static EquityView EquityViewOf(string runId, EquityCurve curve, int maxPoints) =>
        new(runId, curve.Count, maxPoints, ResultRecords.PointsJson(EquityCurveDownsampler.Downsample(curve, maxPoints)));

    private static Dictionary<string, object?> ResolvedParameters(StrategyConfig config) =>
        config.Definition.Parameters.ToDictionary(p => p.Name, p => config.Parameters.Values[p.Name] switch
        {
            double d when p.Type == Engine.Strategies.ParameterType.Integer => (object?)(long)d,
            var v => v,
        });

    private static void CheckPage(int offset, int limit, List<ValidationError> errors, string offsetName = "offset", string limitName = "limit")
    {
        if (offset < 0) errors.Add(new ValidationError(offsetName, offset.ToString(CultureInfo.InvariantCulture), "must be >= 0"));
        if (limit < 1 || limit > MaxPageSize) errors.Add(new ValidationError(limitName, limit.ToString(CultureInfo.InvariantCulture), $"must be in [1, {MaxPageSize}]"));
    }

    internal static void CheckMaxPoints(int maxPoints, List<ValidationError> errors)
    {
        if (maxPoints < 2 || maxPoints > MaxPointsLimit)
            errors.Add(new ValidationError("max_points", maxPoints.ToString(CultureInfo.InvariantCulture), $"must be in [2, {MaxPointsLimit}]"));
    }
}
