using System.Text.Json.Serialization;
using Backtesting.Application.Runs;

namespace Backtesting.Application.Events;

/// <summary>The data of a backtest_progress message, with the platform's camelCase field names.</summary>
public sealed record ProgressMessage(
    [property: JsonPropertyName("backtestId")] string BacktestId,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("currentDate")] string? CurrentDate,
    [property: JsonPropertyName("tradesExecuted")] int TradesExecuted)
{
    public static ProgressMessage From(RunProgress p) => new(p.RunId, p.Progress, p.CurrentDate?.ToString("yyyy-MM-ddTHH:mm:ssZ"), p.TradesExecuted);

    /// <summary>The current progress of a stored run (for streams that start or poll mid-run).</summary>
    public static ProgressMessage From(Views.RunView run) => From(new RunProgress(run.BacktestId, run.Progress, run.CurrentDate, run.TradesExecuted));
}
