namespace Backtesting.Application.Sessions;

/// <summary>POST /api/sessions/{id}/close: <c>at</c> is "next_open" (default) or "close".</summary>
public sealed record CloseSessionRequest
{
    public string? At { get; init; }
}
