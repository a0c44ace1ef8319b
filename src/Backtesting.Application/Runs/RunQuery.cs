namespace Backtesting.Application.Runs;

/// <summary>A user's runs, newest first, optionally filtered by status and kind.</summary>
public sealed record RunQuery(string UserId, string? Status = null, string? Kind = null, int Offset = 0, int Limit = 50);
