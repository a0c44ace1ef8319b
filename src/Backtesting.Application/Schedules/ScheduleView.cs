using System.Text.Json;

namespace Backtesting.Application.Schedules;

/// <summary>A schedule as the API shows it (snake_case), with its next slot.</summary>
public sealed record ScheduleView
{
    public required string ScheduleId { get; init; }
    public required string Name { get; init; }
    public required string Cron { get; init; }
    public required string StrategyId { get; init; }
    public required Dictionary<string, JsonElement> ParameterGrid { get; init; }
    public required Dictionary<string, JsonElement> Parameters { get; init; }
    public required IReadOnlyList<string> Assets { get; init; }
    public required string Timeframe { get; init; }
    public int? LookbackDays { get; init; }
    public double InitialCapital { get; init; }
    public double RiskFreeRate { get; init; }
    public required string Objective { get; init; }
    public bool Enabled { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastRunAt { get; init; }
    public IReadOnlyList<string> LastRunIds { get; init; } = [];
    public DateTime? NextRunAt { get; init; }

    public static ScheduleView From(OptimizationSchedule s, DateTime? nextRunAt) => new()
    {
        ScheduleId = s.Id,
        Name = s.Name,
        Cron = s.Cron,
        StrategyId = s.StrategyId,
        ParameterGrid = s.ParameterGrid,
        Parameters = s.Parameters,
        Assets = s.Assets,
        Timeframe = s.Timeframe,
        LookbackDays = s.LookbackDays,
        InitialCapital = s.InitialCapital,
        RiskFreeRate = s.RiskFreeRate,
        Objective = s.Objective,
        Enabled = s.Enabled,
        CreatedAt = s.CreatedAt,
        LastRunAt = s.LastSlotUtc,
        LastRunIds = s.LastRunIds,
        NextRunAt = nextRunAt,
    };
}
