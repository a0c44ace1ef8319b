using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Backtesting.Application.Views;

namespace Backtesting.Application.Research;

/// <summary>A research run: the run as GET /api/backtests/{id} shows it and, once completed, its summary.</summary>
public sealed record ResearchRunView : RunView
{
    /// <summary>The summary of a completed run (its kind says which shape); absent before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyOrder(1)]
    public ResearchSummary? Summary { get; init; }

    public ResearchRunView()
    {
    }

    [SetsRequiredMembers]
    public ResearchRunView(RunView run, ResearchSummary? summary) : base(run) => Summary = summary;
}
