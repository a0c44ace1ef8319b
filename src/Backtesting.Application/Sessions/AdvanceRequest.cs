namespace Backtesting.Application.Sessions;

/// <summary>POST /api/sessions/{id}/advance: exactly one of a bar count or a time to move to (a date means that day's bar).</summary>
public sealed record AdvanceRequest
{
    public int? Bars { get; init; }
    public string? Until { get; init; }
}
