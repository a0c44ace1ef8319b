using System.Text.Json;

namespace Backtesting.Application.Sessions;

/// <summary>POST /api/sessions/{id}/autopilot: a strategy and its parameters trade the next <c>bars</c> bars in the session's book.</summary>
public sealed record AutopilotRequest
{
    public string? StrategyId { get; init; }
    public Dictionary<string, JsonElement>? Parameters { get; init; }
    public int? Bars { get; init; }
}
