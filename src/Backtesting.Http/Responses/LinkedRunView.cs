using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Backtesting.Application.Views;

namespace Backtesting.Http.Responses;

/// <summary>GET /api/backtests/{id}: the run followed by links to its results, trades, equity, metrics and events.</summary>
public sealed record LinkedRunView : RunView
{
    [SetsRequiredMembers]
    public LinkedRunView(RunView run, IReadOnlyDictionary<string, string> links) : base(run) => Links = links;

    /// <summary>Relative URLs by name (self, results, trades, equity, metrics, events).</summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyDictionary<string, string> Links { get; init; }
}
