namespace Backtesting.Application.Users;

/// <summary>A stored key found by its hash, with the user it belongs to.</summary>
public sealed record ApiKeyMatch(User User, ApiKeyRecord Key);
