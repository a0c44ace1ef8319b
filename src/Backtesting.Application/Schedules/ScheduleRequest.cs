using System.Text.Json;
using System.Text.Json.Serialization;
using Backtesting.Application.Json;

namespace Backtesting.Application.Schedules;

/// <summary>A schedule as callers send it (snake_case on the wire); see <see cref="OptimizationSchedule"/> for the fields.</summary>
public sealed record ScheduleRequest
{
    public string? Name { get; init; }
    public string? Cron { get; init; }
    public string? StrategyId { get; init; }
    public Dictionary<string, JsonElement>? ParameterGrid { get; init; }
    public Dictionary<string, JsonElement>? Parameters { get; init; }
    public List<string>? Assets { get; init; }
    public string? Timeframe { get; init; }
    public int? LookbackDays { get; init; }
    public double? InitialCapital { get; init; }
    [JsonConverter(typeof(RiskFreeRateJsonConverter))]
    public double? RiskFreeRate { get; init; }
    public string? Objective { get; init; }
    public bool? Enabled { get; init; }
}
