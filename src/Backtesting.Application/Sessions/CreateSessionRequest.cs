namespace Backtesting.Application.Sessions;

/// <summary>POST /api/sessions: the asset, range, capital and costs of a new session (snake_case on the wire).</summary>
public sealed record CreateSessionRequest
{
    public string? AssetSymbol { get; init; }
    public string? Timeframe { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public double? InitialCapital { get; init; }
    public double? Commission { get; init; }
    public double? SlippageBps { get; init; }
    public int? WarmupBars { get; init; }
    public bool? Fractional { get; init; }
}
