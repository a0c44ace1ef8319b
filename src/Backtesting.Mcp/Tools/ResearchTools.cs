using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backtesting.Application.Backtests;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Views;
using Backtesting.Engine.Metrics;
using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Schema;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// Start and read research jobs: optimization, walk-forward, Monte Carlo, multi-asset portfolio, strategy
/// comparison. Each answers like run_backtest (wait_seconds included); the summary travels as backtest://{id}/summary.
/// </summary>
[McpServerToolType]
public sealed class ResearchTools
{
    private const string Shared = "Answer: a text line with the headline numbers, the resource backtest://{id} ({backtest_id, status}) and, once completed, "
        + "backtest://{id}/summary ({backtest_id, kind, summary}). By default it returns at once with status 'pending' or 'running': poll get_research_results. "
        + "Pass wait_seconds (up to 120) to wait and get the summary in this answer; progress notifications are sent while waiting. "
        + "Results never depend on batch_size. Returns and ratios are fractions, not percent.";

    private readonly ResearchService _research;
    private readonly RunWaiter _waiter;

    public ResearchTools(ResearchService research, BacktestService backtests, RunEventHub events, TimeProvider time)
    {
        _research = research;
        _waiter = new RunWaiter(backtests, events, time);
    }

    [McpServerTool(Name = "run_optimization", Title = "Optimize strategy parameters", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Grid search (or seeded random search) over strategy parameters on one asset: every combination of the grid's values is backtested "
        + "(combinations the strategy rejects, e.g. fast_period >= slow_period, are skipped and counted) and ranked by the objective metric. "
        + "The summary holds the best cell and the top_n cells; the best cell's full backtest becomes this run's (get_metrics, get_backtest_results). "
        + "Beware of overfitting: confirm a winner with run_walk_forward. " + Shared)]
    public Task<CallToolResult> RunOptimizationAsync(
        ClaimsPrincipal caller,
        RequestContext<CallToolRequestParams> context,
        [Description("Strategy id from list_strategies, e.g. 'sma_crossover'.")]
        [SchemaValues(SchemaValues.StrategyIds)] string strategy_id,
        [Description("Symbol of an asset from list_assets, e.g. 'GOOG'.")]
        [StringLength(32, MinimumLength = 1)] string asset_symbol,
        [Description("Parameter axes: name -> a list of values [5, 10, 20], {\"start\": 5, \"stop\": 50, \"step\": 5} (stop inclusive) or \"5:50:5\". "
            + "E.g. {\"fast_period\": {\"start\": 5, \"stop\": 50, \"step\": 5}, \"slow_period\": [20, 40, 60]}. At most 10000 cells in all.")]
        Dictionary<string, JsonElement> grid,
        [Description("Metric to rank cells by. Default 'sharpe_ratio'.")]
        [SchemaValues(SchemaValues.MetricNames)] string objective = "sharpe_ratio",
        [Description("True to maximize the objective, false to minimize; omitted: the metric's natural direction (e.g. minimize max_drawdown).")]
        bool? maximize = null,
        [Description("Fixed strategy parameters every cell uses (e.g. commission); see the schema.")]
        [SchemaValues(SchemaValues.StrategyParameters)] Dictionary<string, JsonElement>? parameters = null,
        [Description("First bar: ISO 8601 date or UTC date-time, e.g. '2005-01-01'. Omitted: the first stored bar.")]
        [StringLength(40)] string? start_date = null,
        [Description("Last bar (inclusive; a date covers its whole day). Omitted: the last stored bar.")]
        [StringLength(40)] string? end_date = null,
        [Description("Starting cash, greater than 0 and at most 1e12. Default 10000.")]
        [Range(0d, 1e12, MinimumIsExclusive = true)] double initial_capital = 10_000,
        [Description(BacktestTools.RiskFreeRateDescription)]
        [Range(RiskFreeRate.Min, RiskFreeRate.Max)] double risk_free_rate = 0,
        [Description("Random search: evaluate this many cells drawn from the grid without replacement (reproducible with seed). Omitted: every cell.")]
        [Range(1, 10_000)] int? random_samples = null,
        [Description("Seed of the random search. Default 0.")]
        long? seed = null,
        [Description("Best cells listed in the summary, 1-1000. Default 10.")]
        [Range(1, 1000)] int top_n = 10,
        [Description("Cells per parallel activity, 1-10000. Default 25.")]
        [Range(1, ResearchService.MaxBatchSize)] int batch_size = ResearchService.DefaultBatchSize,
        [Description("Bar timeframe of the stored data to use. Default '1d'.")]
        [SchemaValues(SchemaValues.Timeframes)] string timeframe = "1d",
        [Description("Seconds to wait for the run to finish before answering, 0-120. Default 0: answer at once.")]
        [Range(0, BacktestTools.MaxWaitSeconds)] int wait_seconds = 0,
        [Description("Minimum closed trades: a cell with fewer ranks after every cell with enough and is marked below_min_trades, so single-trade flukes do not come out best. Default 0: no minimum.")]
        [Range(0, 1_000_000)] int min_trades = 0,
        CancellationToken cancellationToken = default)
    {
        var request = new OptimizationApiRequest
        {
            StrategyId = strategy_id, AssetSymbol = asset_symbol, StartDate = start_date, EndDate = end_date, InitialCapital = initial_capital, RiskFreeRate = risk_free_rate,
            Parameters = parameters, Timeframe = timeframe, Grid = grid, Objective = objective, Maximize = maximize,
            RandomSamples = random_samples, Seed = seed, TopN = top_n, BatchSize = batch_size, MinTrades = min_trades,
        };
        return SubmitAsync(caller, (user, ct) => _research.SubmitOptimizationAsync(user, request, ct), wait_seconds, context, cancellationToken);
    }

    [McpServerTool(Name = "run_walk_forward", Title = "Walk-forward analysis", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Walk-forward analysis, the standard check against overfitting: the data is cut into windows; on each, the grid is searched on the in-sample "
        + "bars only and the winning parameters are then traded on the following out-of-sample bars. Out-of-sample windows tile the bars after the first "
        + "in-sample length; the last one may be shorter and is included. In-sample runs keep a position open at their end (marked at the last close, "
        + "as a backtest). The out-of-sample run computes indicators and crossovers on all bars from the first up to its end, so it carries their state, "
        + "starts flat, ignores a cross on the last in-sample bar (it acts only on its own bars' signals) and closes any position at its last close, "
        + "paying commission. Every window starts with initial_capital; the stitched out-of-sample curve (this run's backtest) compounds the window "
        + "returns. Annual returns are annualised on each window's own length (a short last window too). walk_forward_efficiency = stitched "
        + "out-of-sample annual_return / mean in-sample annual_return of the windows that found parameters; null unless that mean is > 0 (near 1 robust, "
        + "near 0 or negative suggests overfitting). Per window: in_sample and out_of_sample {start, end, bars}, best_params, in_sample_objective, "
        + "out_of_sample_objective, out_of_sample_return (total return of the window from initial_capital), out_of_sample_trades (closed), efficiency "
        + "(out-of-sample / in-sample annual_return, null unless the in-sample one is > 0), evaluated and skipped cells, problems (a window whose cells "
        + "were all invalid stays in cash). " + Shared)]
    public Task<CallToolResult> RunWalkForwardAsync(
        ClaimsPrincipal caller,
        RequestContext<CallToolRequestParams> context,
        [Description("Strategy id from list_strategies, e.g. 'sma_crossover'.")]
        [SchemaValues(SchemaValues.StrategyIds)] string strategy_id,
        [Description("Symbol of an asset from list_assets, e.g. 'GOOG'.")]
        [StringLength(32, MinimumLength = 1)] string asset_symbol,
        [Description("Parameter axes searched in every in-sample window, as for run_optimization: e.g. {\"fast_period\": [5, 10, 20], \"slow_period\": \"30:90:30\"}.")]
        Dictionary<string, JsonElement> grid,
        [Description("In-sample length: a bar count ('500') or a time span with a unit m, h, d or w ('730d', '104w').")]
        [StringLength(20, MinimumLength = 1)] string in_sample,
        [Description("Out-of-sample length, as in_sample: e.g. '250' bars or '365d'. The out-of-sample windows tile the data after the first in-sample length.")]
        [StringLength(20, MinimumLength = 1)] string out_of_sample,
        [Description("'rolling' (default): a fixed-length in-sample window slides forward; 'anchored': every in-sample window starts at the first bar.")]
        [AllowedValues("rolling", "anchored")] string mode = "rolling",
        [Description("Metric the in-sample search ranks by. Default 'sharpe_ratio'.")]
        [SchemaValues(SchemaValues.MetricNames)] string objective = "sharpe_ratio",
        [Description("True to maximize the objective, false to minimize; omitted: the metric's natural direction.")]
        bool? maximize = null,
        [Description("Fixed strategy parameters every window uses (e.g. commission); see the schema.")]
        [SchemaValues(SchemaValues.StrategyParameters)] Dictionary<string, JsonElement>? parameters = null,
        [Description("First bar: ISO 8601 date or UTC date-time. Omitted: the first stored bar.")]
        [StringLength(40)] string? start_date = null,
        [Description("Last bar (inclusive). Omitted: the last stored bar.")]
        [StringLength(40)] string? end_date = null,
        [Description("Starting cash of every window, greater than 0 and at most 1e12. Default 10000.")]
        [Range(0d, 1e12, MinimumIsExclusive = true)] double initial_capital = 10_000,
        [Description(BacktestTools.RiskFreeRateDescription)]
        [Range(RiskFreeRate.Min, RiskFreeRate.Max)] double risk_free_rate = 0,
        [Description("In-sample random search: cells drawn per window (reproducible with seed). Omitted: the whole grid.")]
        [Range(1, 10_000)] int? random_samples = null,
        [Description("Seed of the in-sample random search. Default 1.")]
        long? seed = null,
        [Description("Windows per parallel activity, 1-500 (results never depend on it). Default 1.")]
        [Range(1, ResearchService.MaxWalkForwardBatchSize)] int batch_size = 1,
        [Description("Bar timeframe of the stored data to use. Default '1d'.")]
        [SchemaValues(SchemaValues.Timeframes)] string timeframe = "1d",
        [Description("Seconds to wait for the run to finish before answering, 0-120. Default 0: answer at once.")]
        [Range(0, BacktestTools.MaxWaitSeconds)] int wait_seconds = 0,
        CancellationToken cancellationToken = default)
    {
        var request = new WalkForwardApiRequest
        {
            StrategyId = strategy_id, AssetSymbol = asset_symbol, StartDate = start_date, EndDate = end_date, InitialCapital = initial_capital, RiskFreeRate = risk_free_rate,
            Parameters = parameters, Timeframe = timeframe, Grid = grid, Objective = objective, Maximize = maximize, Mode = mode,
            InSample = JsonSerializer.SerializeToElement(in_sample), OutOfSample = JsonSerializer.SerializeToElement(out_of_sample),
            RandomSamples = random_samples, Seed = seed, BatchSize = batch_size,
        };
        return SubmitAsync(caller, (user, ct) => _research.SubmitWalkForwardAsync(user, request, ct), wait_seconds, context, cancellationToken);
    }

    [McpServerTool(Name = "run_monte_carlo", Title = "Monte Carlo simulation", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Monte Carlo study of one strategy configuration: how much of its result is luck. Methods: 'trade_reshuffle' (the backtest's closed trades "
        + "in random order: same final capital, trade count and win rate by construction, different drawdowns), 'trade_bootstrap' (closed trades drawn with replacement), "
        + "'block_bootstrap' (new price paths from blocks of the real bar moves, strategy re-run on each), 'gbm' (price paths from geometric Brownian motion "
        + "fitted to the data). Trade methods use closed trades only (an open trade has no realised pnl), compound their returns (pnl over the equity "
        + "at entry) from initial_capital one trade at a time (so no unlevered long-only path falls more than 100 %) and measure drawdowns trade by trade; price methods measure them bar by bar: drawdown_basis says which "
        + "('trades' or 'bars'). The summary gives, per metric, count (paths where it is defined), mean, std (sample, n-1), min, max, percentiles "
        + "(linear interpolation between order statistics, numpy's default) and baseline: the same metric on the same basis (trade methods: the closed "
        + "trades in their original order; price methods: the backtest on the actual bars). Also probability_of_loss (share of paths ending below "
        + "initial_capital), probability_of_drawdown_beyond_threshold (share of paths whose max drawdown exceeds drawdown_threshold), trade_count "
        + "(closed trades resampled, 0 for price paths) and equity percentile bands per step (axis 'trade': equity after k trades, 0 = before the "
        + "first; axis 'bar': bar closes). Path i is seeded from (seed, i): the same seed gives the same numbers. The base backtest on the actual bars "
        + "becomes this run's. " + Shared)]
    public Task<CallToolResult> RunMonteCarloAsync(
        ClaimsPrincipal caller,
        RequestContext<CallToolRequestParams> context,
        [Description("Strategy id from list_strategies, e.g. 'sma_crossover'.")]
        [SchemaValues(SchemaValues.StrategyIds)] string strategy_id,
        [Description("Symbol of an asset from list_assets, e.g. 'GOOG'.")]
        [StringLength(32, MinimumLength = 1)] string asset_symbol,
        [Description("Strategy parameters; see the schema.")]
        [SchemaValues(SchemaValues.StrategyParameters)] Dictionary<string, JsonElement>? parameters = null,
        [Description("What each path varies. Default 'trade_reshuffle'.")]
        [AllowedValues("trade_reshuffle", "trade_bootstrap", "block_bootstrap", "gbm")] string method = "trade_reshuffle",
        [Description("Number of paths, 1-100000 (the service's limit may be lower). Default 1000.")]
        [Range(1, 100_000)] int paths = 1000,
        [Description("Run seed. Default 1.")]
        long? seed = null,
        [Description("Metrics whose distribution is reported besides final_capital and max_drawdown. Trade methods support only trade-based metrics "
            + "(total_return, win_rate, profit_factor, expectancy, ...); price methods any. Default: total_return (and sharpe_ratio for price methods).")]
        [SchemaValues(SchemaValues.MetricNames)] string[]? metrics = null,
        [Description("Percentile levels in [0, 100]. Default [5, 25, 50, 75, 95].")]
        double[]? percentiles = null,
        [Description("Drawdown level whose exceedance probability is reported, e.g. 0.2 = 20 %. Default 0.2.")]
        [Range(0d, 1d)] double drawdown_threshold = 0.2,
        [Description("Bars per block of the block bootstrap. Default 20.")]
        [Range(1, 100_000)] int block_length = 20,
        [Description("Points of the equity percentile bands, 2-10000. Default 101.")]
        [Range(2, 10_000)] int band_points = 101,
        [Description("First bar: ISO 8601 date or UTC date-time. Omitted: the first stored bar.")]
        [StringLength(40)] string? start_date = null,
        [Description("Last bar (inclusive). Omitted: the last stored bar.")]
        [StringLength(40)] string? end_date = null,
        [Description("Starting cash, greater than 0 and at most 1e12. Default 10000.")]
        [Range(0d, 1e12, MinimumIsExclusive = true)] double initial_capital = 10_000,
        [Description(BacktestTools.RiskFreeRateDescription)]
        [Range(RiskFreeRate.Min, RiskFreeRate.Max)] double risk_free_rate = 0,
        [Description("Paths per parallel activity, 1-10000. Default 250.")]
        [Range(1, ResearchService.MaxBatchSize)] int batch_size = ResearchService.DefaultPathsPerBatch,
        [Description("Bar timeframe of the stored data to use. Default '1d'.")]
        [SchemaValues(SchemaValues.Timeframes)] string timeframe = "1d",
        [Description("Seconds to wait for the run to finish before answering, 0-120. Default 0: answer at once.")]
        [Range(0, BacktestTools.MaxWaitSeconds)] int wait_seconds = 0,
        CancellationToken cancellationToken = default)
    {
        var request = new MonteCarloApiRequest
        {
            StrategyId = strategy_id, AssetSymbol = asset_symbol, StartDate = start_date, EndDate = end_date, InitialCapital = initial_capital, RiskFreeRate = risk_free_rate,
            Parameters = parameters, Timeframe = timeframe, Method = method, Paths = paths, Seed = seed, Metrics = metrics?.ToList(),
            Percentiles = percentiles?.ToList(), DrawdownThreshold = drawdown_threshold, BlockLength = block_length, BandPoints = band_points, BatchSize = batch_size,
        };
        return SubmitAsync(caller, (user, ct) => _research.SubmitMonteCarloAsync(user, request, ct), wait_seconds, context, cancellationToken);
    }

    [McpServerTool(Name = "run_portfolio_backtest", Title = "Multi-asset portfolio backtest", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Backtests several assets together with one shared cash account: each asset trades its strategy on its own bars, an entry commits "
        + "position_size x weight x portfolio equity, and optional rebalancing brings holdings back to their weights. strategy_id and parameters are shared "
        + "by the assets (common parameters such as commission apply to all; strategy parameters to the assets running that strategy); an asset's own "
        + "strategy_id and parameters override them. The summary gives the portfolio metrics and each asset's pnl, contribution to the total return "
        + "(they add up to it), fees, trades and final weight; the portfolio's curve and every asset's trades become this run's backtest. " + Shared)]
    public Task<CallToolResult> RunPortfolioBacktestAsync(
        ClaimsPrincipal caller,
        RequestContext<CallToolRequestParams> context,
        [Description("The assets, 1-50: [{\"symbol\": \"GOOG\", \"weight\": 0.6}, {\"symbol\": \"MSFT\", \"weight\": 0.4, \"strategy_id\": \"sma_crossover\"}]. "
            + "Omit every weight for equal weights.")]
        [MinLength(1), MaxLength(ResearchService.MaxPortfolioAssets)] PortfolioAssetArgument[] assets,
        [Description("Strategy of every asset that names none. Default 'buy_and_hold'.")]
        [SchemaValues(SchemaValues.StrategyIds)] string strategy_id = "buy_and_hold",
        [Description("Shared strategy parameters (see the schema); an asset's own parameters override them.")]
        [SchemaValues(SchemaValues.StrategyParameters)] Dictionary<string, JsonElement>? parameters = null,
        [Description("When holdings are brought back to their weights. Default 'none'.")]
        [AllowedValues("none", "daily", "weekly", "monthly", "threshold")] string rebalance = "none",
        [Description("For rebalance 'threshold': the absolute weight drift that triggers it, in (0, 1]. Default 0.05.")]
        [Range(0d, 1d, MinimumIsExclusive = true)] double drift_threshold = 0.05,
        [Description("First bar: ISO 8601 date or UTC date-time. Omitted: each asset's first stored bar.")]
        [StringLength(40)] string? start_date = null,
        [Description("Last bar (inclusive). Omitted: each asset's last stored bar.")]
        [StringLength(40)] string? end_date = null,
        [Description("Starting cash, greater than 0 and at most 1e12. Default 10000.")]
        [Range(0d, 1e12, MinimumIsExclusive = true)] double initial_capital = 10_000,
        [Description(BacktestTools.RiskFreeRateDescription)]
        [Range(RiskFreeRate.Min, RiskFreeRate.Max)] double risk_free_rate = 0,
        [Description("Bar timeframe of the stored data to use. Default '1d'.")]
        [SchemaValues(SchemaValues.Timeframes)] string timeframe = "1d",
        [Description("Seconds to wait for the run to finish before answering, 0-120. Default 0: answer at once.")]
        [Range(0, BacktestTools.MaxWaitSeconds)] int wait_seconds = 0,
        CancellationToken cancellationToken = default)
    {
        var request = new PortfolioApiRequest
        {
            StrategyId = strategy_id, StartDate = start_date, EndDate = end_date, InitialCapital = initial_capital, RiskFreeRate = risk_free_rate, Parameters = parameters, Timeframe = timeframe,
            Rebalance = rebalance, DriftThreshold = drift_threshold,
            Assets = assets.Select(a => new PortfolioAssetSpec { Symbol = a.Symbol, Weight = a.Weight, StrategyId = a.StrategyId, Parameters = a.Parameters }).ToList(),
        };
        return SubmitAsync(caller, (user, ct) => _research.SubmitPortfolioAsync(user, request, ct), wait_seconds, context, cancellationToken);
    }

    [McpServerTool(Name = "compare_strategies", Title = "Compare strategies", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Backtests several strategies or parameter sets on the same asset and window and puts them side by side: every metric per candidate, "
        + "a ranking by rank_by, and the correlation matrix of their daily returns (low correlation: candidates that could be combined). strategy_id and "
        + "parameters are shared by the candidates (common parameters such as commission apply to all; strategy parameters to the candidates of that "
        + "strategy); a candidate's own ones override them. The best-ranked candidate's backtest becomes this run's. " + Shared)]
    public Task<CallToolResult> CompareStrategiesAsync(
        ClaimsPrincipal caller,
        RequestContext<CallToolRequestParams> context,
        [Description("Symbol of an asset from list_assets, e.g. 'GOOG'.")]
        [StringLength(32, MinimumLength = 1)] string asset_symbol,
        [Description("The candidates, 1-100: [{\"strategy_id\": \"sma_crossover\", \"parameters\": {\"fast_period\": 10, \"slow_period\": 20}}, "
            + "{\"strategy_id\": \"rsi_reversion\"}, {\"strategy_id\": \"buy_and_hold\", \"label\": \"benchmark\"}].")]
        [MinLength(1), MaxLength(ResearchService.MaxComparisonCandidates)] ComparisonCandidateArgument[] candidates,
        [Description("Metric the ranking orders by. Default 'sharpe_ratio'.")]
        [SchemaValues(SchemaValues.MetricNames)] string rank_by = "sharpe_ratio",
        [Description("True to rank the highest value first, false the lowest; omitted: the metric's natural direction.")]
        bool? maximize = null,
        [Description("Strategy of the candidates that name none (to compare parameter sets of one strategy).")]
        [SchemaValues(SchemaValues.StrategyIds)] string? strategy_id = null,
        [Description("Shared strategy parameters, e.g. {\"commission\": 0.001}; a candidate's own parameters override them.")]
        [SchemaValues(SchemaValues.StrategyParameters)] Dictionary<string, JsonElement>? parameters = null,
        [Description("First bar: ISO 8601 date or UTC date-time. Omitted: the first stored bar.")]
        [StringLength(40)] string? start_date = null,
        [Description("Last bar (inclusive). Omitted: the last stored bar.")]
        [StringLength(40)] string? end_date = null,
        [Description("Starting cash of every candidate, greater than 0 and at most 1e12. Default 10000.")]
        [Range(0d, 1e12, MinimumIsExclusive = true)] double initial_capital = 10_000,
        [Description(BacktestTools.RiskFreeRateDescription)]
        [Range(RiskFreeRate.Min, RiskFreeRate.Max)] double risk_free_rate = 0,
        [Description("Candidates per parallel activity. Default 1.")]
        [Range(1, ResearchService.MaxComparisonCandidates)] int batch_size = 1,
        [Description("Bar timeframe of the stored data to use. Default '1d'.")]
        [SchemaValues(SchemaValues.Timeframes)] string timeframe = "1d",
        [Description("Seconds to wait for the run to finish before answering, 0-120. Default 0: answer at once.")]
        [Range(0, BacktestTools.MaxWaitSeconds)] int wait_seconds = 0,
        CancellationToken cancellationToken = default)
    {
        var request = new ComparisonApiRequest
        {
            StrategyId = strategy_id, AssetSymbol = asset_symbol, StartDate = start_date, EndDate = end_date, InitialCapital = initial_capital, RiskFreeRate = risk_free_rate,
            Parameters = parameters, Timeframe = timeframe, RankBy = rank_by, Maximize = maximize, BatchSize = batch_size,
            Candidates = candidates.Select(c => new ComparisonCandidateSpec { StrategyId = c.StrategyId, Parameters = c.Parameters, Label = c.Label }).ToList(),
        };
        return SubmitAsync(caller, (user, ct) => _research.SubmitComparisonAsync(user, request, ct), wait_seconds, context, cancellationToken);
    }

    [McpServerTool(Name = "get_research_results", Title = "Research results", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Status and, once completed, the summary of one of your research runs (run_optimization, run_walk_forward, run_monte_carlo, "
        + "run_portfolio_backtest, compare_strategies). The run's representative backtest (best cell, stitched out-of-sample run, base backtest, "
        + "portfolio, best candidate) is read with get_metrics and get_backtest_results. "
        + "Answer: a text line with the headline numbers, backtest://{id} ({backtest_id, status}) and backtest://{id}/summary ({backtest_id, kind, summary}).")]
    public async Task<CallToolResult> GetResearchResultsAsync(
        ClaimsPrincipal caller,
        [Description("Run id returned by a research tool or list_backtests, e.g. 'bt-...'.")]
        [StringLength(100, MinimumLength = 1)] string backtest_id,
        CancellationToken cancellationToken = default)
    {
        var run = await _research.GetSummaryAsync(McpCaller.UserId(caller), backtest_id, null, cancellationToken).ConfigureAwait(false);
        if (run is null) return ToolResults.Error(ResearchText.NotFound(backtest_id));
        if (Completed(run, run.Summary) is { } completed) return completed;
        var status = BacktestTools.StatusResource(run);
        string why = ResearchText.NoSummary(run) ?? $"{run.BacktestId} is {run.Status}";
        return RunStatus.IsTerminal(run.Status) ? ToolResults.Error(why, status) : ToolResults.Ok(why, status);
    }

    /// <summary>Submits, waits up to <paramref name="waitSeconds"/>, and answers with the status and (once completed) the summary.</summary>
    private async Task<CallToolResult> SubmitAsync(ClaimsPrincipal caller, Func<string, CancellationToken, Task<RunView>> submit, int waitSeconds,
        RequestContext<CallToolRequestParams> context, CancellationToken ct)
    {
        string userId = McpCaller.UserId(caller);
        var run = await submit(userId, ct).ConfigureAwait(false);
        run = await _waiter.WaitAsync(userId, run, TimeSpan.FromSeconds(waitSeconds), ProgressNotifier.For(context).RunProgressedAsync, ct).ConfigureAwait(false);
        var read = run.Status == RunStatus.Completed ? await _research.GetSummaryAsync(userId, run.BacktestId, run.Kind, ct).ConfigureAwait(false) : null;
        if (Completed(run, read?.Summary) is { } completed) return completed;
        var status = BacktestTools.StatusResource(run);
        return RunStatus.IsTerminal(run.Status)
            ? ToolResults.Error(ResearchText.NoSummary(run) ?? $"{run.BacktestId} is {run.Status}", status)
            : ToolResults.Ok(ResearchText.Started(run, waitSeconds), status);
    }

    /// <summary>The answer of a completed run: headline text, status and summary resources; null while it has no summary.</summary>
    private static CallToolResult? Completed(RunView run, ResearchSummary? summary)
    {
        if (run.Status != RunStatus.Completed || summary is null) return null;
        var resource = new JsonObject { ["backtest_id"] = run.BacktestId, ["kind"] = run.Kind, ["summary"] = JsonSerializer.SerializeToNode(summary, WorkflowJson.Options) };
        return ToolResults.Ok(ResearchText.Completed(run.BacktestId, run.Kind, summary), BacktestTools.StatusResource(run), ToolResults.Resource(SummaryUri(run.BacktestId), resource));
    }

    /// <summary>The URI of a research run's summary resource.</summary>
    internal static string SummaryUri(string id) => $"backtest://{Uri.EscapeDataString(id)}/summary";
}
