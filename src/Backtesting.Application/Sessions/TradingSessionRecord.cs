namespace Backtesting.Application.Sessions;

/// <summary>
/// A trading session as stored: its fixed terms and its engine state as JSON documents, a status
/// (<c>active</c> or <c>closed</c>), the version every write increments, and the run it became when closed.
/// </summary>
public sealed record TradingSessionRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Status { get; init; }
    public required long Version { get; init; }
    public required string AssetSymbol { get; init; }
    public required string Timeframe { get; init; }

    /// <summary><see cref="SessionTerms"/> as JSON.</summary>
    public required string Terms { get; init; }

    /// <summary><see cref="Engine.Sessions.SessionState"/> as JSON.</summary>
    public required string State { get; init; }

    public string? RunId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}
