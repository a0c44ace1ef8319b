using System.Globalization;
using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Application.Telemetry;
using Backtesting.Application.Views;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>What every research submission does: validate the data scope, check limits, store the run, start its workflow.</summary>
public sealed class ResearchRunFactory(
    IMarketDataStore marketData, BarLoader bars, BacktestService backtests,
    IOptions<BacktestingLimits> limits, BacktestingMetrics metrics, TimeProvider time)
{
    public BacktestingLimits Limits => limits.Value;

    /// <summary>Checks asset, dates, capital and timeframe, adding problems to <paramref name="errors"/>; null when the scope is unusable.</summary>
    public ResearchScope? ValidateScope(ResearchRequestBase request, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(request.AssetSymbol))
            errors.Add(new ValidationError("asset_symbol", null, "is required (see GET /api/assets or list_assets)"));
        var window = ValidateWindow(request, errors);
        return string.IsNullOrWhiteSpace(request.AssetSymbol) ? null : window with { AssetSymbol = request.AssetSymbol.Trim() };
    }

    /// <summary>Checks dates, capital, risk-free rate and timeframe (everything but the asset, which the scope leaves empty).</summary>
    public ResearchScope ValidateWindow(ResearchRequestBase request, List<ValidationError> errors)
    {
        var start = BacktestRequestValidator.ParseDate("start_date", request.StartDate, errors);
        var end = BacktestRequestValidator.ParseDate("end_date", request.EndDate, errors, endOfDay: true);
        if (start is { } s && end is { } e && s > e)
            errors.Add(new ValidationError("end_date", $"'{request.EndDate}'", $"must not be before start_date ({request.StartDate})"));
        double capital = request.InitialCapital ?? 10_000;
        if (!(capital > 0) || !double.IsFinite(capital) || capital > 1e12)
            errors.Add(new ValidationError("initial_capital", capital.ToString(CultureInfo.InvariantCulture), "must be a number in (0, 1e12]"));
        double riskFreeRate = BacktestRequestValidator.RiskFreeRate(request.RiskFreeRate, errors);
        string timeframe = request.Timeframe ?? "1d";
        if (!BacktestRequestValidator.Timeframes.Contains(timeframe))
            errors.Add(new ValidationError("timeframe", $"'{timeframe}'", $"must be one of {string.Join(", ", BacktestRequestValidator.Timeframes)}"));
        return new ResearchScope("", timeframe, start, end, capital, riskFreeRate);
    }

    /// <summary>Loads the scope's bars, failing with a validation error for an unknown asset, an empty window or too many bars.</summary>
    public async Task<BarSeries> LoadAsync(ResearchScope scope, CancellationToken ct, string field = "asset_symbol")
    {
        if (await marketData.GetAssetAsync(scope.AssetSymbol, ct).ConfigureAwait(false) is null)
        {
            var known = (await marketData.ListAssetsAsync(ct).ConfigureAwait(false)).Select(a => a.Symbol);
            throw new ValidationException([new ValidationError(field, $"'{scope.AssetSymbol}'", $"is not a known asset; available: {string.Join(", ", known)}")]);
        }
        var series = await bars.LoadAsync(scope.AssetSymbol, scope.Timeframe, scope.StartDate, scope.EndDate, ct).ConfigureAwait(false);
        if (series.Count > limits.Value.MaxBarsPerRun)
            throw new ValidationException([new ValidationError("start_date/end_date", null, $"select {series.Count} bars, more than the limit of {limits.Value.MaxBarsPerRun} bars per run")]);
        return series;
    }

    /// <summary>Stores the run as pending (with the job as its resumable request) and starts the kind's workflow.</summary>
    public Task<RunView> CreateAndStartAsync(IResearchJob job, string kind, string strategyId, ResearchScope scope, BarSeries series, object parameters, CancellationToken ct) =>
        CreateAndStartAsync(job, kind, strategyId, scope.AssetSymbol, scope.InitialCapital, series.TimeAt(0), series.TimeAt(series.Count - 1), parameters, ct);

    /// <summary>As above for jobs over several assets: the run row names one asset and the whole bar range.</summary>
    public async Task<RunView> CreateAndStartAsync(IResearchJob job, string kind, string strategyId, string assetSymbol, double initialCapital,
        DateTime firstBar, DateTime lastBar, object parameters, CancellationToken ct)
    {
        await backtests.CheckConcurrencyAsync(job.UserId, ct).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var run = new BacktestRun
        {
            Id = job.RunId,
            UserId = job.UserId,
            Kind = kind,
            StrategyId = strategyId,
            AssetSymbol = assetSymbol,
            StartDate = firstBar,
            EndDate = lastBar,
            InitialCapital = (decimal)initialCapital,
            Parameters = JsonSerializer.Serialize(parameters, WorkflowJson.Options),
            Status = RunStatus.Pending,
            // the runtime type, not the interface: the workflow and its activities read the whole job back
            Request = JsonSerializer.Serialize(job, job.GetType(), WorkflowJson.Options),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await backtests.CreateWithinLimitAsync(run, ct).ConfigureAwait(false);
        metrics.RunStarted(kind);
        await backtests.StartWorkflowAsync(run, job, ct).ConfigureAwait(false);
        return RunView.From(run);
    }
}
