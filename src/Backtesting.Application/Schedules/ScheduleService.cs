using System.Globalization;
using System.Text.Json;
using Backtesting.Application.Backtests;
using Backtesting.Application.Ports;
using Backtesting.Application.Strategies;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Schedules;

/// <summary>
/// Scheduled batch optimizations: create, list and delete a user's schedules (validated like any
/// request), and find the slots that are due for the timer.
/// </summary>
public sealed class ScheduleService(IScheduleStore schedules, IMarketDataStore marketData, TimeProvider time, StrategyResolver strategies)
{
    public const int MaxSchedulesPerUser = 50;
    public const int MaxAssetsPerSchedule = 50;

    public async Task<ScheduleView> CreateAsync(string userId, ScheduleRequest? request, CancellationToken ct = default)
    {
        var errors = new List<ValidationError>();
        if (request is null) throw new ValidationException([new ValidationError("body", null, "a JSON object with cron, strategy_id, parameter_grid and assets is required")]);
        CronSchedule? cron = null;
        if (string.IsNullOrWhiteSpace(request.Cron)) errors.Add(new ValidationError("cron", null, "is required, e.g. \"0 6 * * 1-5\" (UTC)"));
        else if (!CronSchedule.TryParse(request.Cron, out cron, out var cronError)) errors.Add(new ValidationError("cron", $"'{request.Cron}'", cronError));
        // a user strategy is named, not copied: each slot runs the definition the user has then
        var own = await strategies.ForUserAsync(userId, ct).ConfigureAwait(false);
        var strategy = own.Lookup.Find(request.StrategyId);
        if (strategy is null)
            errors.Add(StrategyConfigValidator.UnknownStrategy(request.StrategyId, own.Lookup));
        if (request.ParameterGrid is not { Count: > 0 })
            errors.Add(new ValidationError("parameter_grid", null, "must name at least one parameter with {\"start\", \"stop\", \"step\"} or an array of values"));
        else if (strategy is not null)
            CheckGrid(strategy, request.ParameterGrid, errors);
        if (request.Name is { Length: > 100 }) errors.Add(new ValidationError("name", null, "must be at most 100 characters"));
        if (request.LookbackDays is < 1 or > 36_500) errors.Add(new ValidationError("lookback_days", Text(request.LookbackDays), "must be in [1, 36500]"));
        if (request.InitialCapital is { } capital && !(capital > 0 && double.IsFinite(capital))) errors.Add(new ValidationError("initial_capital", Text(capital), "must be a finite number > 0"));
        double riskFreeRate = BacktestRequestValidator.RiskFreeRate(request.RiskFreeRate, errors);
        string objective = request.Objective ?? "sharpe_ratio";
        if (!MetricNames.IsKnown(objective)) errors.Add(new ValidationError("objective", $"'{objective}'", $"must be one of {string.Join(", ", MetricNames.All)}"));
        var assets = (request.Assets ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (assets.Count is 0 or > MaxAssetsPerSchedule) errors.Add(new ValidationError("assets", null, $"must list 1 to {MaxAssetsPerSchedule} asset symbols"));
        foreach (var symbol in assets.Distinct())
        {
            if (symbol.Length == 0 || await marketData.GetAssetAsync(symbol, ct).ConfigureAwait(false) is null)
                errors.Add(new ValidationError("assets", $"'{symbol}'", "is not a known asset"));
        }
        if (errors.Count > 0) throw new ValidationException(errors);
        if ((await schedules.ListAsync(userId, ct).ConfigureAwait(false)).Count >= MaxSchedulesPerUser)
            throw new ValidationException([new ValidationError("schedules", null, $"you already have {MaxSchedulesPerUser} schedules, the limit; delete one first")]);

        var now = time.GetUtcNow().UtcDateTime;
        var schedule = new OptimizationSchedule
        {
            Id = ScheduleRunIds.NewScheduleId(),
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(request.Name) ? $"{strategy!.Id} {request.Cron}" : request.Name.Trim(),
            Cron = string.Join(' ', request.Cron!.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
            StrategyId = strategy!.Id,
            ParameterGrid = request.ParameterGrid!,
            Parameters = request.Parameters ?? [],
            Assets = assets.Distinct().ToArray(),
            Timeframe = request.Timeframe ?? "1d",
            LookbackDays = request.LookbackDays,
            InitialCapital = request.InitialCapital ?? 10_000,
            RiskFreeRate = riskFreeRate,
            Objective = objective,
            Enabled = request.Enabled ?? true,
            CreatedAt = now,
        };
        await schedules.CreateAsync(schedule, ct).ConfigureAwait(false);
        return ScheduleView.From(schedule, cron!.Next(now));
    }

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return (await schedules.ListAsync(userId, ct).ConfigureAwait(false)).Select(s => View(s, now)).ToArray();
    }

    public async Task<ScheduleView?> GetAsync(string userId, string scheduleId, CancellationToken ct = default) =>
        await schedules.GetAsync(userId, scheduleId, ct).ConfigureAwait(false) is { } s ? View(s, time.GetUtcNow().UtcDateTime) : null;

    public Task<bool> DeleteAsync(string userId, string scheduleId, CancellationToken ct = default) => schedules.DeleteAsync(userId, scheduleId, ct);

    /// <summary>
    /// The latest slot of each enabled schedule in (now - lookback, now] that has not run yet. A slot
    /// missed for longer than the lookback (an outage) is skipped, not caught up; the next one runs.
    /// </summary>
    public async Task<IReadOnlyList<ScheduleSlot>> DueSlotsAsync(DateTime nowUtc, TimeSpan lookback, CancellationToken ct = default)
    {
        var due = new List<ScheduleSlot>();
        foreach (var schedule in await schedules.ListEnabledAsync(ct).ConfigureAwait(false))
        {
            if (!CronSchedule.TryParse(schedule.Cron, out var cron, out _)) continue;
            if (cron.Previous(nowUtc) is not { } slot) continue;
            if (slot <= nowUtc - lookback || slot < schedule.CreatedAt) continue;
            if (schedule.LastSlotUtc is { } last && slot <= last) continue;
            due.Add(new ScheduleSlot(schedule, slot));
        }
        return due;
    }

    private static ScheduleView View(OptimizationSchedule s, DateTime now) =>
        ScheduleView.From(s, s.Enabled && CronSchedule.TryParse(s.Cron, out var cron, out _) ? cron.Next(now) : null);

    private static void CheckGrid(StrategyDefinition strategy, Dictionary<string, JsonElement> grid, List<ValidationError> errors)
    {
        foreach (var (name, value) in grid)
        {
            if (!strategy.Parameters.Any(p => p.Name == name))
            {
                errors.Add(new ValidationError($"parameter_grid.{name}", null, $"is not a parameter of {strategy.Id}; allowed: {string.Join(", ", strategy.Parameters.Select(p => p.Name))}"));
                continue;
            }
            bool range = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("start", out _) && value.TryGetProperty("stop", out _);
            bool list = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0;
            if (!range && !list)
                errors.Add(new ValidationError($"parameter_grid.{name}", value.GetRawText(), "must be {\"start\", \"stop\", \"step\"} or a non-empty array of values"));
        }
    }

    private static string? Text(double? v) => v?.ToString(CultureInfo.InvariantCulture);
}
