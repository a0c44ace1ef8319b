using System.Security.Claims;
using Backtesting.Application.Users;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// Carries the authenticated user into tools and resources. HTTP: <see cref="McpRequestChecks"/> sets
/// HttpContext.User, the SDK hands that principal to every request it serves; stdio: <see cref="ActAs"/>.
/// </summary>
internal static class McpCaller
{
    public const string AuthenticationType = "BacktestingApiKey";

    public static ClaimsPrincipal ToPrincipal(User user) => Principal(user.Id, user.Name);

    private static ClaimsPrincipal Principal(string userId, string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, name)], AuthenticationType));

    /// <summary>
    /// An incoming-message filter making <paramref name="userId"/> the caller of every message, for transports with no
    /// authentication of their own (stdio: the caller is whoever started the process).
    /// </summary>
    public static McpMessageFilter ActAs(string userId)
    {
        var principal = Principal(userId, userId);
        return next => (context, cancellationToken) =>
        {
            context.User = principal;
            return next(context, cancellationToken);
        };
    }

    /// <summary>The caller's user id; a request that did not pass the endpoint's authentication has none.</summary>
    public static string UserId(ClaimsPrincipal? principal) =>
        principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id
            ? id
            : throw new McpException("the caller is not authenticated; send an API key in the Authorization header");
}
