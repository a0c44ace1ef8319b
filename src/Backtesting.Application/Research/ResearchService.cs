using System.Globalization;
using System.Text;
using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Curves;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Strategies;
using Backtesting.Application.Views;
using Backtesting.Engine.Comparison;
using Backtesting.Engine.Data;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Validation;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Application.Research;

/// <summary>
/// Research job use cases shared by REST, MCP and Functions: submit (every problem of a request reported
/// at once, before any work), read summaries and cell tables, cancel.
/// </summary>
public sealed class ResearchService(ResearchRunFactory factory, IRunStore runs, IBlobStore blobs, BacktestService backtests, StrategyResolver strategies)
{
    /// <summary>Grid cells per activity by default.</summary>
    public const int DefaultBatchSize = 25;

    /// <summary>Monte Carlo paths per activity by default.</summary>
    public const int DefaultPathsPerBatch = 250;

    public const int MaxBatchSize = 10_000;

    /// <summary>
    /// Walk-forward windows per activity, for REST and MCP alike. A constant rather than the configurable
    /// window limit so the MCP schema can state it; results never depend on it.
    /// </summary>
    public const int MaxWalkForwardBatchSize = 500;
    public const int MaxComparisonCandidates = 100;
    public const int MaxPortfolioAssets = 50;

    /// <summary>Seed of Monte Carlo studies and walk-forward random searches that name none (as the CLI's).</summary>
    public const long DefaultSeed = 1;

    /// <summary>
    /// Validates a grid search (every field, and the grid against the strategy), then starts it.
    /// <paramref name="runId"/> fixes the id (scheduled launches derive it from the slot); null draws a new one.
    /// </summary>
    public async Task<RunView> SubmitOptimizationAsync(string userId, OptimizationApiRequest? request, CancellationToken ct = default, string? runId = null)
    {
        request = ResearchRequestChecks.Body(request, "strategy_id, asset_symbol, grid, objective");
        var errors = new List<ValidationError>();
        var scope = factory.ValidateScope(request, errors);
        var axes = ResearchRequestChecks.Grid(request.Grid, errors);
        string objective = ResearchRequestChecks.Metric("objective", request.Objective, errors);
        int topN = ResearchRequestChecks.Range("top_n", request.TopN, 10, 1, 1000, errors);
        int batch = ResearchRequestChecks.Range("batch_size", request.BatchSize, DefaultBatchSize, 1, MaxBatchSize, errors);
        string strategyId = request.StrategyId ?? "";
        var own = await strategies.ForUserAsync(userId, ct).ConfigureAwait(false);
        var engineRequest = new OptimizationRequest
        {
            StrategyId = strategyId,
            Strategies = own.Lookup,
            FixedParameters = Objects(request.Parameters),
            Axes = axes,
            Objective = objective,
            Maximize = request.Maximize,
            InitialCapital = scope?.InitialCapital ?? 1,
            RandomSamples = request.RandomSamples,
            Seed = request.Seed ?? 0,
            MinTrades = request.MinTrades ?? 0,
            MaxCells = factory.Limits.MaxGridCells,
        };
        ResearchRequestChecks.AddEngineErrors(errors, GridOptimizer.Validate(engineRequest).Where(e => e.Field != "grid" || axes.Count > 0));
        if (errors.Count > 0 || scope is null) throw new ValidationException(errors);

        var series = await factory.LoadAsync(scope, ct).ConfigureAwait(false);
        var job = new OptimizationJob
        {
            RunId = runId ?? RunIds.New(),
            UserId = userId,
            Scope = scope,
            StrategyId = strategyId,
            FixedParameters = request.Parameters ?? [],
            Grid = GridAxisSpec.ListOf(request.Grid!),
            Objective = engineRequest.Objective,
            Maximize = request.Maximize,
            RandomSamples = request.RandomSamples,
            Seed = engineRequest.Seed,
            MinTrades = engineRequest.MinTrades,
            TopN = topN,
            BatchSize = batch,
            UserStrategies = own.DefinitionsOf([strategyId]),
        };
        return await factory.CreateAndStartAsync(job, RunKind.Optimization, strategyId, scope, series,
            new { fixed_parameters = job.FixedParameters, grid = request.Grid, objective = job.Objective, min_trades = job.MinTrades }, ct).ConfigureAwait(false);
    }

    /// <summary>Validates a walk-forward analysis, plans its windows on the bars (at least one, at most the limit), then starts it.</summary>
    public async Task<RunView> SubmitWalkForwardAsync(string userId, WalkForwardApiRequest? request, CancellationToken ct = default)
    {
        request = ResearchRequestChecks.Body(request, "strategy_id, asset_symbol, grid, in_sample, out_of_sample");
        var errors = new List<ValidationError>();
        var scope = factory.ValidateScope(request, errors);
        var axes = ResearchRequestChecks.Grid(request.Grid, errors);
        var inSample = WindowLengthOf("in_sample", request.InSample, errors);
        var outOfSample = WindowLengthOf("out_of_sample", request.OutOfSample, errors);
        string objective = ResearchRequestChecks.Metric("objective", request.Objective, errors);
        string mode = ResearchRequestChecks.OneOf("mode", request.Mode, "rolling", WalkForwardJob.Modes, errors);
        int batch = ResearchRequestChecks.Range("batch_size", request.BatchSize, 1, 1, MaxWalkForwardBatchSize, errors);
        string strategyId = request.StrategyId ?? "";
        var own = await strategies.ForUserAsync(userId, ct).ConfigureAwait(false);
        var engineRequest = new WalkForwardRequest
        {
            StrategyId = strategyId,
            Strategies = own.Lookup,
            FixedParameters = Objects(request.Parameters),
            Axes = axes,
            Objective = objective,
            Maximize = request.Maximize,
            InitialCapital = scope?.InitialCapital ?? 1,
            InSample = inSample.Length,
            OutOfSample = outOfSample.Length,
            Mode = mode == "anchored" ? WalkForwardMode.Anchored : WalkForwardMode.Rolling,
            RandomSamples = request.RandomSamples,
            Seed = request.Seed ?? DefaultSeed,
            MaxCells = factory.Limits.MaxGridCells,
            MaxWindows = factory.Limits.MaxWalkForwardWindows,
        };
        ResearchRequestChecks.AddEngineErrors(errors, WalkForwardAnalyzer.Validate(engineRequest).Where(e => e.Field != "grid" || axes.Count > 0));
        if (errors.Count > 0 || scope is null) throw new ValidationException(errors);

        var series = await factory.LoadAsync(scope, ct).ConfigureAwait(false);
        // no window, or more than the limit, is the request's problem: say so now rather than fail the run
        WalkForwardAnalyzer.PlanWindows(series, engineRequest);
        var job = new WalkForwardJob
        {
            RunId = RunIds.New(),
            UserId = userId,
            Scope = scope,
            StrategyId = strategyId,
            FixedParameters = request.Parameters ?? [],
            Grid = GridAxisSpec.ListOf(request.Grid!),
            Objective = engineRequest.Objective,
            Maximize = request.Maximize,
            InSample = inSample.Text,
            OutOfSample = outOfSample.Text,
            Mode = mode,
            RandomSamples = request.RandomSamples,
            Seed = engineRequest.Seed,
            BatchSize = batch,
            UserStrategies = own.DefinitionsOf([strategyId]),
        };
        return await factory.CreateAndStartAsync(job, RunKind.WalkForward, strategyId, scope, series,
            new { fixed_parameters = job.FixedParameters, grid = request.Grid, objective = job.Objective, in_sample = job.InSample, out_of_sample = job.OutOfSample, mode }, ct).ConfigureAwait(false);
    }

    /// <summary>Validates a Monte Carlo study (strategy, method, paths within the limit, metrics the method defines), then starts it.</summary>
    public async Task<RunView> SubmitMonteCarloAsync(string userId, MonteCarloApiRequest? request, CancellationToken ct = default)
    {
        request = ResearchRequestChecks.Body(request, "strategy_id, asset_symbol, parameters, method, paths, seed");
        var errors = new List<ValidationError>();
        var scope = factory.ValidateScope(request, errors);
        string method = ResearchRequestChecks.OneOf("method", request.Method, MonteCarloMethods.TradeReshuffle, MonteCarloMethods.All, errors);
        int batch = ResearchRequestChecks.Range("batch_size", request.BatchSize, DefaultPathsPerBatch, 1, MaxBatchSize, errors);
        int maxPaths = factory.Limits.MaxMonteCarloPaths;
        var own = await strategies.ForUserAsync(userId, ct).ConfigureAwait(false);
        var job = new MonteCarloJob
        {
            RunId = RunIds.New(),
            UserId = userId,
            Scope = scope ?? factory.ValidateWindow(request, []), // without an asset: so the engine still checks everything else
            StrategyId = request.StrategyId ?? "",
            Parameters = request.Parameters ?? [],
            Method = MonteCarloMethods.All.Contains(method) ? method : MonteCarloMethods.TradeReshuffle,
            Paths = request.Paths ?? Math.Min(1_000, maxPaths),
            Seed = request.Seed ?? DefaultSeed,
            BlockLength = request.BlockLength ?? 20,
            DrawdownThreshold = request.DrawdownThreshold ?? 0.2,
            Metrics = request.Metrics,
            Percentiles = request.Percentiles ?? [5, 25, 50, 75, 95],
            BandPoints = request.BandPoints ?? 101,
            BatchSize = batch,
            UserStrategies = own.DefinitionsOf([request.StrategyId]),
        };
        var engineRequest = job.ToEngineRequest(maxPaths);
        ResearchRequestChecks.AddEngineErrors(errors, MonteCarloSimulator.Validate(engineRequest with { Strategies = own.Lookup }));
        if (errors.Count > 0 || scope is null) throw new ValidationException(errors);

        var series = await factory.LoadAsync(scope, ct).ConfigureAwait(false);
        if (!MonteCarloMethods.ResamplesTrades(engineRequest.Method) && series.Count < 2)
            throw new ValidationException([new ValidationError("start_date/end_date", null, $"select {series.Count} bar; {method} needs at least 2 bars")]);
        return await factory.CreateAndStartAsync(job, RunKind.MonteCarlo, job.StrategyId, scope, series,
            new { parameters = job.Parameters, method = job.Method, paths = job.Paths, seed = job.Seed }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates a portfolio (every asset's symbol, weight, strategy and parameters; weights summing to at
    /// most 1; every asset with bars in the window), then starts it.
    /// </summary>
    public async Task<RunView> SubmitPortfolioAsync(string userId, PortfolioApiRequest? request, CancellationToken ct = default)
    {
        request = ResearchRequestChecks.Body(request, "assets [{symbol, weight}], strategy_id, parameters");
        var errors = new List<ValidationError>();
        var window = factory.ValidateWindow(request, errors);
        if (!string.IsNullOrWhiteSpace(request.AssetSymbol))
            errors.Add(new ValidationError("asset_symbol", $"'{request.AssetSymbol}'", "is not used by a portfolio; list the assets in assets: [{\"symbol\": \"GOOG\", \"weight\": 0.5}, ...]"));
        string rebalance = ResearchRequestChecks.OneOf("rebalance", request.Rebalance, "none", RebalanceModes.All, errors);
        var given = request.Assets ?? [];
        if (given.Count == 0)
            errors.Add(new ValidationError("assets", null, "is required: [{\"symbol\": \"GOOG\", \"weight\": 0.6}, {\"symbol\": \"MSFT\", \"weight\": 0.4}] (omit every weight for equal weights)"));
        if (given.Count > MaxPortfolioAssets)
            errors.Add(new ValidationError("assets", given.Count.ToString(CultureInfo.InvariantCulture), $"are more than the limit of {MaxPortfolioAssets} assets"));
        bool weighted = given.Any(a => a.Weight is not null);
        for (int i = 0; i < given.Count; i++)
            if (weighted && given[i].Weight is null)
                errors.Add(new ValidationError($"assets[{i}].weight", null, "is required when other assets give a weight (omit every weight for equal weights)"));
        string sharedStrategy = request.StrategyId ?? "buy_and_hold";
        var own = await strategies.ForUserAsync(userId, ct).ConfigureAwait(false);
        var assets = given.Select(a => new PortfolioAssetSpec
        {
            Symbol = a.Symbol?.Trim(),
            Weight = weighted ? a.Weight : 1.0 / given.Count,
            StrategyId = a.StrategyId ?? sharedStrategy,
            Parameters = SharedParameters.Resolve(request.StrategyId, request.Parameters, a.StrategyId, a.Parameters),
        }).ToList();
        var job = new PortfolioJob
        {
            RunId = RunIds.New(),
            UserId = userId,
            Window = window,
            Assets = assets,
            Rebalance = RebalanceModes.All.Contains(rebalance) ? rebalance : "none",
            DriftThreshold = request.DriftThreshold ?? 0.05,
            UserStrategies = own.DefinitionsOf(assets.Select(a => a.StrategyId)),
        };
        ResearchRequestChecks.AddEngineErrors(errors, PortfolioBacktester.Validate(job.ToEngineRequest() with { Strategies = own.Lookup }));
        if (errors.Count > 0) throw new ValidationException(errors);

        var series = new List<BarSeries>();
        long bars = 0;
        for (int i = 0; i < assets.Count; i++)
        {
            try
            {
                var loaded = await factory.LoadAsync(window with { AssetSymbol = assets[i].Symbol! }, ct, $"assets[{i}].symbol").ConfigureAwait(false);
                series.Add(loaded);
                bars += loaded.Count;
            }
            catch (ValidationException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e.Field == "start_date/end_date" ? e with { Field = $"assets[{i}].symbol", Value = $"'{assets[i].Symbol}'" } : e));
            }
        }
        if (bars > factory.Limits.MaxBarsPerRun)
            errors.Add(new ValidationError("assets", bars.ToString(CultureInfo.InvariantCulture), $"select that many bars together, more than the limit of {factory.Limits.MaxBarsPerRun} bars per run"));
        if (errors.Count > 0) throw new ValidationException(errors);
        return await factory.CreateAndStartAsync(job, RunKind.Portfolio, assets[0].StrategyId!, assets[0].Symbol!, window.InitialCapital,
            series.Min(s => s.TimeAt(0)), series.Max(s => s.TimeAt(s.Count - 1)),
            new { assets = assets.Select(a => new { symbol = a.Symbol, weight = a.Weight, strategy_id = a.StrategyId }), rebalance = job.Rebalance }, ct).ConfigureAwait(false);
    }

    /// <summary>Validates a comparison (every candidate's strategy and parameters, the ranking metric), then starts it.</summary>
    public async Task<RunView> SubmitComparisonAsync(string userId, ComparisonApiRequest? request, CancellationToken ct = default)
    {
        request = ResearchRequestChecks.Body(request, "asset_symbol, candidates [{strategy_id, parameters, label}], rank_by");
        var errors = new List<ValidationError>();
        var scope = factory.ValidateScope(request, errors);
        string rankBy = ResearchRequestChecks.Metric("rank_by", request.RankBy, errors);
        int batch = ResearchRequestChecks.Range("batch_size", request.BatchSize, 1, 1, MaxComparisonCandidates, errors);
        var own = await strategies.ForUserAsync(userId, ct).ConfigureAwait(false);
        var given = request.Candidates ?? [];
        if (given.Count == 0)
            errors.Add(new ValidationError("candidates", null, "is required: [{\"strategy_id\": \"sma_crossover\", \"parameters\": {\"fast_period\": 10, \"slow_period\": 20}}, {\"strategy_id\": \"buy_and_hold\"}]"));
        var job = new ComparisonJob
        {
            RunId = RunIds.New(),
            UserId = userId,
            Scope = scope ?? factory.ValidateWindow(request, []), // without an asset: so the engine still checks everything else
            Candidates = given.Select(c => new ComparisonCandidateSpec
            {
                StrategyId = c.StrategyId ?? request.StrategyId,
                Parameters = SharedParameters.Resolve(request.StrategyId, request.Parameters, c.StrategyId, c.Parameters),
                Label = c.Label ?? ComparisonCandidateSpec.DefaultLabel(c.StrategyId ?? request.StrategyId, c.Parameters),
            }).ToList(),
            RankBy = rankBy,
            Maximize = request.Maximize,
            BatchSize = batch,
            UserStrategies = own.DefinitionsOf(given.Select(c => c.StrategyId ?? request.StrategyId)),
        };
        ResearchRequestChecks.AddEngineErrors(errors, StrategyComparison.Validate(job.ToEngineRequest(MaxComparisonCandidates) with { Strategies = own.Lookup }));
        if (errors.Count > 0 || scope is null) throw new ValidationException(errors);

        var series = await factory.LoadAsync(scope, ct).ConfigureAwait(false);
        return await factory.CreateAndStartAsync(job, RunKind.Comparison, job.Candidates[0].StrategyId!, scope, series,
            new { candidates = job.Candidates, rank_by = job.RankBy }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A research run of <paramref name="kind"/> (any research kind when null): status, and when completed
    /// its summary (with the metrics of its representative backtest).
    /// </summary>
    public async Task<ResearchRunView?> GetSummaryAsync(string userId, string runId, string? kind, CancellationToken ct = default)
    {
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null || (kind is null ? run.Kind == RunKind.Backtest : run.Kind != kind)) return null;
        var summary = run.Status == RunStatus.Completed && await runs.GetResultAsync(runId, ct).ConfigureAwait(false) is { } result
            ? ResearchSummary.Read(result.Metrics)
            : null;
        return new ResearchRunView(RunView.From(run), summary);
    }

    /// <summary>One page of an optimization's full cell table (grid order).</summary>
    public async Task<OptimizationCellsPage?> GetCellsAsync(string userId, string runId, int offset, int limit, CancellationToken ct = default)
    {
        if (offset < 0 || limit is < 1 or > BacktestService.MaxPageSize)
            throw new ValidationException([new ValidationError(offset < 0 ? "offset" : "limit", (offset < 0 ? offset : limit).ToString(CultureInfo.InvariantCulture),
                offset < 0 ? "must be >= 0" : $"must be in [1, {BacktestService.MaxPageSize}]")]);
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null || run.Kind != RunKind.Optimization) return null;
        if (run.Status != RunStatus.Completed) return new OptimizationCellsPage { BacktestId = runId, Status = run.Status, Items = [], Total = 0 };
        var (items, total) = await ReadCellsAsync(runId, offset, limit, ct).ConfigureAwait(false);
        return new OptimizationCellsPage
        {
            BacktestId = runId,
            Status = run.Status,
            Items = items.Select(OptimizationCellView.From).ToArray(),
            Total = total,
            Offset = offset,
            Limit = limit,
        };
    }

    /// <summary>
    /// Cells [offset, offset + limit) of a completed optimization's table and its size: from the pages that hold them,
    /// or from the one table blob of a run completed before the table was paged (its summary names that blob).
    /// </summary>
    private async Task<(IReadOnlyList<OptimizationCell> Items, int Total)> ReadCellsAsync(string runId, int offset, int limit, CancellationToken ct)
    {
        var summary = await runs.GetResultAsync(runId, ct).ConfigureAwait(false) is { } result ? ResearchSummary.Read(result.Metrics) as OptimizationSummary : null;
        if (summary is null || summary.CellsBlob is not null)
        {
            var table = await blobs.GetAsync(ResearchResults.CellsBlob(runId), ct).ConfigureAwait(false) ?? [];
            var all = table.Length == 0 ? [] : WorkflowJson.Deserialize<List<OptimizationCell>>(Encoding.UTF8.GetString(table));
            return ([.. all.Skip(offset).Take(limit)], all.Count);
        }
        int total = summary.Cells;
        var items = new List<OptimizationCell>(Math.Min(limit, Math.Max(0, total - offset)));
        for (int page = offset / ResearchResults.CellsPageSize; items.Count < limit && (long)page * ResearchResults.CellsPageSize < total; page++)
        {
            var bytes = await blobs.GetAsync(ResearchResults.CellsPageBlob(runId, page), ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"page {page} of the cell table of {runId} is missing");
            var cells = WorkflowJson.Deserialize<List<OptimizationCell>>(Encoding.UTF8.GetString(bytes));
            items.AddRange(cells.Where(c => c.Index >= offset).Take(limit - items.Count));
        }
        return (items, total);
    }

    /// <summary>
    /// The equity of comparison candidate <paramref name="index"/> (request order) from the stored candidate table,
    /// downsampled to <paramref name="maxPoints"/>: its last equity of each UTC day (for daily bars, the candidate's
    /// backtest curve point for point), so a client overlays every candidate without running them again.
    /// Null when the user has no such comparison; no points until it has completed.
    /// </summary>
    public async Task<EquityView?> GetCandidateEquityAsync(string userId, string runId, int index, int maxPoints, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        BacktestService.CheckMaxPoints(maxPoints, errors);
        if (errors.Count > 0) throw new ValidationException(errors);
        var run = await runs.GetAsync(userId, runId, ct).ConfigureAwait(false);
        if (run is null || run.Kind != RunKind.Comparison) return null;
        if (run.Status != RunStatus.Completed) return new EquityView(runId, 0, maxPoints, []);
        var bytes = await blobs.GetAsync(ResearchResults.TableBlob(runId, ComparisonCandidatesTable), ct).ConfigureAwait(false) ?? [];
        var entries = bytes.Length == 0 ? [] : WorkflowJson.Deserialize<List<ComparisonEntry>>(Encoding.UTF8.GetString(bytes));
        if (index < 0 || index >= entries.Count)
            throw new ValidationException([new ValidationError("index", index.ToString(CultureInfo.InvariantCulture),
                entries.Count == 0 ? "names no candidate: this comparison stored none" : $"must be a candidate's index in [0, {entries.Count - 1}]")]);
        var entry = entries[index];
        var curve = new EquityCurve(entry.Days.Select(d => d * TimeSpan.TicksPerDay).ToArray(), entry.DailyEquity);
        return BacktestService.EquityViewOf(runId, curve, maxPoints);
    }

    /// <summary>Name of a comparison's candidate table (every candidate's metrics and daily equity).</summary>
    public const string ComparisonCandidatesTable = "candidates";

    /// <summary>Cancels a research run like a backtest (same rules).</summary>
    public Task<RunView?> CancelAsync(string userId, string runId, CancellationToken ct = default) => backtests.CancelAsync(userId, runId, ct);

    /// <summary>A window length given as a bar count (500) or a span ("730d"); the text is what the job keeps.</summary>
    private static (string Text, WindowLength Length) WindowLengthOf(string field, JsonElement? value, List<ValidationError> errors)
    {
        const string Allowed = "a bar count (e.g. 500) or a time span with a unit m, h, d or w (e.g. \"730d\")";
        var placeholder = ("1", WindowLength.OfBars(1));
        switch (value)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                errors.Add(new ValidationError(field, null, "is required: " + Allowed));
                return placeholder;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out int bars):
                return (bars.ToString(CultureInfo.InvariantCulture), WindowLength.OfBars(bars));
            case { ValueKind: JsonValueKind.String } text:
                try
                {
                    string trimmed = text.GetString()!.Trim();
                    return (trimmed, WindowLength.Parse(trimmed));
                }
                catch (FormatException)
                {
                    break;
                }
        }
        errors.Add(new ValidationError(field, value?.GetRawText(), "must be " + Allowed));
        return placeholder;
    }

    private static Dictionary<string, object?> Objects(Dictionary<string, JsonElement>? parameters) =>
        (parameters ?? []).ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
}
