using System.Net;
using Backtesting.Application.Users;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Backtesting.Http;

/// <summary>
/// Resolves the caller from the key the request presents (<see cref="ApiKeyHeaders"/>; keys are compared by
/// SHA-256 hash). In local-development mode a keyless loopback request is the local user, but only when
/// its Host and Origin name the loopback too: a web page the developer visits (Origin) or a DNS-rebound
/// name (Host) reaches the loopback socket without being local, and gets no identity.
/// </summary>
public sealed class ApiKeyAuthentication(ApiKeyService keys, IOptions<ApiKeyAuthenticationOptions> options)
{
    private const string UserItem = "backtesting.user";

    public async Task<User?> AuthenticateAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(UserItem, out var cached) && cached is User known) return known;
        string? key = ApiKeyHeaders.ReadKey(http.Request);
        User? user = null;
        if (key is not null)
        {
            var check = await keys.CheckAsync(key, http.RequestAborted).ConfigureAwait(false);
            user = check.User;
            if (check.Refusal is not null) http.Items[ApiKeyCheck.RefusalItem] = check.Refusal;
        }
        else if (options.Value.AllowLoopbackWithoutKey && IsLoopback(http) && LoopbackNames.IsLoopbackHost(http.Request.Host)
                 && LoopbackNames.IsLoopbackOriginOrAbsent(http.Request.Headers.Origin))
            user = await keys.EnsureUserAsync(options.Value.LocalUserId, "Local developer", isAdmin: true, http.RequestAborted).ConfigureAwait(false);
        if (user is not null) http.Items[UserItem] = user;
        return user;
    }

    /// <summary>The caller <see cref="AuthenticateAsync"/> found for this request, or null.</summary>
    public static User? CachedUser(HttpContext http) =>
        http is not null && http.Items.TryGetValue(UserItem, out var cached) ? cached as User : null;

    public static IResult Unauthorized(HttpContext http, bool keyGiven)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"backtesting\"";
        return ProblemResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
            keyGiven ? ApiKeyHeaders.RefusalOf(http) : ApiKeyHeaders.KeyRequiredMessage);
    }

    private static bool IsLoopback(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        // the in-memory test server has no remote address: it is the local process
        return remote is null || IPAddress.IsLoopback(remote);
    }
}
