namespace Backtesting.Application.Users;

/// <summary>
/// The outcome of checking a presented API key: the caller, or why the key was refused (the 401 message every
/// transport answers: REST, MCP and WebSocket).
/// </summary>
public readonly record struct ApiKeyCheck(User? User, string? Refusal)
{
    /// <summary>The HTTP request item under which an authenticator leaves <see cref="Refusal"/> for the 401 it leads to.</summary>
    public const string RefusalItem = "backtesting.api_key_refusal";

    public const string NotValidMessage = "the API key is not valid";

    public const string ExpiredMessage = "the API key has expired";

    public static ApiKeyCheck NotValid => new(null, NotValidMessage);

    public static ApiKeyCheck Expired => new(null, ExpiredMessage);

    public static ApiKeyCheck Accepted(User user) => new(user, null);
}
