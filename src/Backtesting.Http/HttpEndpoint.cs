using Backtesting.Application.Limits;
using Backtesting.Application.Users;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backtesting.Http;

/// <summary>
/// The frame of every authenticated endpoint: the caller (admitted by the host's <see cref="Callers.CallerGate"/>, or
/// authenticated and counted against the rate limit here), run, map failures to problems.
/// </summary>
public static class HttpEndpoint
{
    public static async Task<IResult> RunAsync(HttpContext http, Func<User, Task<IResult>> body)
    {
        var services = http.RequestServices;
        try
        {
            // the local host's authentication and rate limiter (CallerGate) admit callers before the endpoint runs; a
            // host without them (the Functions app) gets the same authenticator and limiter here
            var user = CallerAdmission.AdmittedUser(http);
            if (user is null)
            {
                var limiter = services.GetRequiredService<UserRateLimiter>();
                var address = http.Connection.RemoteIpAddress;
                // an address that keeps failing is refused before its next key is even looked up
                limiter.ThrowIfAddressThrottled(address);
                user = await services.GetRequiredService<ApiKeyAuthentication>().AuthenticateAsync(http).ConfigureAwait(false);
                if (user is null)
                {
                    limiter.CountUnauthenticated(address);
                    return ApiKeyAuthentication.Unauthorized(http, ApiKeyHeaders.ReadKey(http.Request) is not null);
                }
                limiter.Acquire(user.Id);
            }
            using var scope = services.GetRequiredService<ILoggerFactory>().CreateLogger("Backtesting.Http").BeginScope(new Dictionary<string, object> { ["UserId"] = user.Id });
            return await body(user).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProblemResults.FromException(ex, http) is { } problem)
        {
            return problem;
        }
    }
}
