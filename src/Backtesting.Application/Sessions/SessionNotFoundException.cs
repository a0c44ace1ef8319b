namespace Backtesting.Application.Sessions;

/// <summary>No such session for this user, or no such order in the session (hosts answer 404).</summary>
public sealed class SessionNotFoundException(string what, string id) : Exception($"no {what} with id '{id}' (or it belongs to another user)")
{
    public string What { get; } = what;
    public string Id { get; } = id;
}
