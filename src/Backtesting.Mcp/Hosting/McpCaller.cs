using System.Security.Claims;
using Backtesting.Application.Users;
using ModelContextProtocol;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// Carries the authenticated user from the HTTP request into tools and resources: the handler sets
/// HttpContext.User, the SDK hands that principal to every request it serves.
/// </summary>
internal static class McpCaller
{
    public const string AuthenticationType = "BacktestingApiKey";

    public static ClaimsPrincipal ToPrincipal(User user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Name)], AuthenticationType));

    /// <summary>The caller's user id; a request that did not pass the handler's authentication has none.</summary>
    public static string UserId(ClaimsPrincipal? principal) =>
        principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id
            ? id
            : throw new McpException("the caller is not authenticated; send an API key in the Authorization header");
}
