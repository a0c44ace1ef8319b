using System.Text.Json;

namespace Backtesting.Application.Schedules;

/// <summary>
/// A batch optimization that runs on a cron schedule: at every slot, one optimization of
/// <see cref="StrategyId"/> over <see cref="ParameterGrid"/> per asset, stored like any optimization
/// and owned by <see cref="UserId"/>.
/// </summary>
public sealed record OptimizationSchedule
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }

    /// <summary>Cron expression in UTC: 5 fields (minute hour day month weekday) or 6 with seconds first, as Azure Functions timers use.</summary>
    public required string Cron { get; init; }
    public required string StrategyId { get; init; }

    /// <summary>Parameter name to its grid: {"start", "stop", "step"} (stop inclusive) or an array of values.</summary>
    public required Dictionary<string, JsonElement> ParameterGrid { get; init; }

    /// <summary>Fixed parameters of every cell (commission, direction, ...).</summary>
    public Dictionary<string, JsonElement> Parameters { get; init; } = [];
    public required IReadOnlyList<string> Assets { get; init; }
    public string Timeframe { get; init; } = "1d";

    /// <summary>Days of bars before each slot to optimize over; null: every stored bar up to the slot.</summary>
    public int? LookbackDays { get; init; }
    public double InitialCapital { get; init; } = 10_000;

    /// <summary>Annual risk-free rate of every slot's optimizations (Sharpe and Sortino on excess returns); default 0.</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>The metric that ranks cells.</summary>
    public string Objective { get; init; } = "sharpe_ratio";
    public bool Enabled { get; init; } = true;
    public required DateTime CreatedAt { get; init; }

    /// <summary>The last slot that started its runs, and those runs.</summary>
    public DateTime? LastSlotUtc { get; init; }
    public IReadOnlyList<string> LastRunIds { get; init; } = [];
}
