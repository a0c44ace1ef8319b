using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Http;

/// <summary>
/// <see cref="HttpEndpoint"/>'s frame (authenticate, rate limit, failures as problems) for handlers with a typed result:
/// the success type in the signature is what the OpenAPI document describes, so it cannot drift from the wire format.
/// </summary>
public static class TypedEndpoint
{
    public static async Task<Results<TSuccess, ProblemHttpResult>> RunAsync<TSuccess>(HttpContext http,
        Func<User, Task<Results<TSuccess, ProblemHttpResult>>> body) where TSuccess : IResult
    {
        var result = await HttpEndpoint.RunAsync(http, async user => await body(user).ConfigureAwait(false)).ConfigureAwait(false);
        return result switch
        {
            Results<TSuccess, ProblemHttpResult> typed => typed,
            ProblemHttpResult problem => problem,
            // the frame answers only with problems; anything else is a bug in it, not the caller's fault
            _ => throw new InvalidOperationException($"the endpoint frame answered {result.GetType().Name}, not a problem"),
        };
    }
}
