using System.Globalization;
using Backtesting.Application.Limits;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Backtests;

/// <summary>Checks a backtest request's own fields (everything that needs no storage), returning every problem.</summary>
public static class BacktestRequestValidator
{
    public static readonly IReadOnlyList<string> Timeframes = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1mo"];

    public sealed record Parsed(StrategyConfig Config, DateTime? Start, DateTime? End, double InitialCapital, string Timeframe, double RiskFreeRate);

    /// <summary>Checks the request; its strategy id may name any of <paramref name="strategies"/> (null: the built-ins).</summary>
    public static (Parsed? Value, List<ValidationError> Errors) Validate(BacktestRequest? request, BacktestingLimits limits, StrategyLookup? strategies = null)
    {
        var errors = new List<ValidationError>();
        if (request is null)
        {
            errors.Add(new ValidationError("body", null, "is required: a JSON object with strategy_id, asset_symbol, start_date, end_date, initial_capital, parameters (+ timeframe, risk_free_rate, chunks)"));
            return (null, errors);
        }
        var strategy = CheckParameterCount(request.Parameters, limits, errors)
            ? StrategyConfigValidator.Validate(request.StrategyId, request.Parameters, strategies: strategies)
            : new StrategyConfigValidator.Result(null, []);
        errors.AddRange(strategy.Errors);

        if (string.IsNullOrWhiteSpace(request.AssetSymbol))
            errors.Add(new ValidationError("asset_symbol", null, "is required (see GET /api/assets or list_assets)"));
        var start = ParseDate("start_date", request.StartDate, errors);
        var end = ParseDate("end_date", request.EndDate, errors, endOfDay: true);
        if (start is { } s && end is { } e)
        {
            if (s > e)
                errors.Add(new ValidationError("end_date", Quote(request.EndDate), $"must not be before start_date ({request.StartDate})"));
            else if ((e - s).TotalDays > limits.MaxDateRangeDays)
                errors.Add(new ValidationError("end_date", Quote(request.EndDate), $"makes a range longer than the limit of {limits.MaxDateRangeDays} days"));
        }
        double capital = request.InitialCapital ?? 10_000;
        if (!(capital > 0) || !double.IsFinite(capital) || capital > 1e12)
            errors.Add(new ValidationError("initial_capital", capital.ToString(CultureInfo.InvariantCulture), "must be a number in (0, 1e12]"));
        double riskFreeRate = RiskFreeRate(request.RiskFreeRate, errors);
        string timeframe = request.Timeframe ?? "1d";
        if (!Timeframes.Contains(timeframe))
            errors.Add(new ValidationError("timeframe", Quote(timeframe), $"must be one of {string.Join(", ", Timeframes)}"));
        if (request.Chunks is { } chunks && (chunks < 1 || chunks > limits.MaxChunks))
            errors.Add(new ValidationError("chunks", chunks.ToString(CultureInfo.InvariantCulture), $"must be in [1, {limits.MaxChunks}]"));
        return errors.Count > 0 || strategy.Config is null ? (null, errors) : (new Parsed(strategy.Config, start, end, capital, timeframe, riskFreeRate), errors);
    }

    /// <summary>
    /// False (with one error naming <paramref name="field"/> and the limit) when a parameters object has more
    /// keys than <see cref="BacktestingLimits.MaxParameterKeys"/>: such a request is not validated key by key.
    /// </summary>
    public static bool CheckParameterCount<TValue>(IReadOnlyDictionary<string, TValue>? parameters, BacktestingLimits limits, List<ValidationError> errors, string field = "parameters")
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (parameters is null || parameters.Count <= limits.MaxParameterKeys) return true;
        errors.Add(new ValidationError(field, $"{parameters.Count} keys", $"has more keys than the limit of {limits.MaxParameterKeys}; see GET /api/strategies for each strategy's parameters"));
        return false;
    }

    /// <summary>The optional annual risk-free rate (default 0), checked by the engine's rule.</summary>
    public static double RiskFreeRate(double? value, List<ValidationError> errors)
    {
        double rate = value ?? 0;
        if (Engine.Metrics.RiskFreeRate.Check(rate) is { } error) errors.Add(error);
        return rate;
    }

    /// <summary>Earliest date a request may name.</summary>
    public static readonly DateTime MinDate = new(1800, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Latest date a request may name (far-future dates would overflow date arithmetic).</summary>
    public static readonly DateTime MaxDate = new(2200, 12, 31, 23, 59, 59, DateTimeKind.Utc);

    /// <summary>ISO 8601 date or date-time as UTC between <see cref="MinDate"/> and <see cref="MaxDate"/>; a date-only end covers its whole day.</summary>
    public static DateTime? ParseDate(string field, string? text, List<ValidationError> errors, bool endOfDay = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            errors.Add(new ValidationError(field, Quote(ErrorEchoLimits.Clip(text)), "must be an ISO 8601 date or date-time, e.g. 2020-01-01 or 2020-01-01T00:00:00Z"));
            return null;
        }
        if (value < MinDate || value > MaxDate)
        {
            errors.Add(new ValidationError(field, Quote(ErrorEchoLimits.Clip(text)), $"must be between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}"));
            return null;
        }
        bool dateOnly = text.Trim().Length <= 10;
        return endOfDay && dateOnly ? value.Date.AddDays(1).AddTicks(-1) : value;
    }

    private static string? Quote(string? s) => s is null ? null : $"'{s}'";
}
