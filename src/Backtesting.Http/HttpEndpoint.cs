using Backtesting.Application.Limits;
using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backtesting.Http;

/// <summary>The frame of every authenticated endpoint: authenticate, count against the rate limit, run, map failures to problems.</summary>
public static class HttpEndpoint
{
    public static async Task<IResult> RunAsync(HttpContext http, Func<User, Task<IResult>> body)
    {
        var services = http.RequestServices;
        try
        {
            var limiter = services.GetRequiredService<UserRateLimiter>();
            var address = http.Connection.RemoteIpAddress;
            // an address that keeps failing is refused before its next key is even looked up
            limiter.ThrowIfAddressThrottled(address);
            var user = await services.GetRequiredService<ApiKeyAuthentication>().AuthenticateAsync(http).ConfigureAwait(false);
            if (user is null)
            {
                limiter.CountUnauthenticated(address);
                return ApiKeyAuthentication.Unauthorized(http, ApiKeyAuthentication.ReadKey(http.Request) is not null);
            }
            limiter.Acquire(user.Id);
            using var scope = services.GetRequiredService<ILoggerFactory>().CreateLogger("Backtesting.Http").BeginScope(new Dictionary<string, object> { ["UserId"] = user.Id });
            return await body(user).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProblemResults.FromException(ex, http) is { } problem)
        {
            return problem;
        }
    }
}
