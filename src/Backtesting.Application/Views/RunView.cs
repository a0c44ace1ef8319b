using System.Text.Json;
using Backtesting.Application.Runs;

namespace Backtesting.Application.Views;

/// <summary>A run as the API shows it (snake_case on the wire); GET /api/backtests/{id} adds its links.</summary>
public record RunView
{
    public required string BacktestId { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public required string StrategyId { get; init; }
    public required string AssetSymbol { get; init; }
    public required DateTime StartDate { get; init; }
    public required DateTime EndDate { get; init; }
    public required decimal InitialCapital { get; init; }
    public JsonElement? Parameters { get; init; }
    public double Progress { get; init; }
    public DateTime? CurrentDate { get; init; }
    /// <summary>Trades executed so far by a backtest; 0 for a research run, which counts its work in <c>units_done</c>.</summary>
    public int TradesExecuted { get; init; }

    /// <summary>Research runs: cells, paths or windows done so far (<c>unit</c> says which); omitted for backtests.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? UnitsDone { get; init; }

    /// <summary>What <c>units_done</c> counts: "cells", "paths" or "windows".</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Unit { get; init; }
    public string? Error { get; init; }
    public string? ParentRunId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }

    public static RunView From(BacktestRun run) => RunKind.WorkUnit(run.Kind) is { } unit ? Create(run) with
    {
        TradesExecuted = 0,
        UnitsDone = run.TradesExecuted,
        Unit = unit,
    } : Create(run);

    private static RunView Create(BacktestRun run) => new()
    {
        BacktestId = run.Id,
        Kind = run.Kind,
        Status = run.Status,
        StrategyId = run.StrategyId,
        AssetSymbol = run.AssetSymbol,
        StartDate = run.StartDate,
        EndDate = run.EndDate,
        InitialCapital = run.InitialCapital,
        Parameters = run.Parameters is null ? null : JsonDocument.Parse(run.Parameters).RootElement.Clone(),
        Progress = run.Progress,
        CurrentDate = run.CurrentDate,
        TradesExecuted = run.TradesExecuted,
        Error = run.Error,
        ParentRunId = run.ParentRunId,
        CreatedAt = run.CreatedAt,
        UpdatedAt = run.UpdatedAt,
        CompletedAt = run.CompletedAt,
    };
}
