using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;

namespace Backtesting.Functions.Http;

/// <summary>
/// The worker middleware every invocation of this app passes through (Program calls it after
/// <c>ConfigureFunctionsWebApplication</c>). API keys are not a middleware here: each HTTP function hands its
/// request to the shared handlers (Backtesting.Http), which authenticate before anything else, as on the local host.
/// </summary>
public static class FunctionsWorkerPipeline
{
    /// <summary>Adds <see cref="SecurityHeadersMiddleware"/>: the browser hardening headers on every HTTP function's response.</summary>
    public static IFunctionsWorkerApplicationBuilder UseBacktestingMiddleware(this IFunctionsWorkerApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseMiddleware<SecurityHeadersMiddleware>();
    }
}
