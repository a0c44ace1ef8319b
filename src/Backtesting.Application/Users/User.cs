namespace Backtesting.Application.Users;

/// <summary>A caller of the API; admins may import market data.</summary>
public sealed record User(string Id, string Name, bool IsAdmin, DateTime CreatedAt);
