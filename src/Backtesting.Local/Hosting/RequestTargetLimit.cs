using Backtesting.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Backtesting.Local.Hosting;

/// <summary>
/// Over-long URLs answered with problem details. Kestrel refuses a request line beyond its
/// <c>MaxRequestLineSize</c> with a bare 414 before any middleware runs; the host lets lines up to
/// <see cref="KestrelRequestLineBytes"/> through and refuses targets over <see cref="MaxTargetLength"/> here, where
/// the answer can say what the limit is. Lines beyond Kestrel's limit still get Kestrel's bare 414 (README).
/// </summary>
public static class RequestTargetLimit
{
    /// <summary>Path and query, in characters as sent: Kestrel's own default request-line limit (8 KiB).</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>What Kestrel accepts, so that targets between the two limits reach <see cref="UseRequestTargetLimit"/>.</summary>
    public const int KestrelRequestLineBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestTargetLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        if (target.Length <= MaxTargetLength) return next(context);
        return ProblemResults.Problem(StatusCodes.Status414UriTooLong, "URI too long",
            $"the request target (path and query) is {target.Length} characters; at most {MaxTargetLength} are accepted: send long inputs in a POST body")
            .ExecuteAsync(context);
    });
}
