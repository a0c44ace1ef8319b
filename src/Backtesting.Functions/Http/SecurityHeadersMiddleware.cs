using Backtesting.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Backtesting.Functions.Http;

/// <summary>
/// The local host's browser hardening headers (<see cref="SecurityHeaders"/>: CSP, nosniff, frame denial,
/// Referrer-Policy) on every HTTP function's response, whatever the function returns; other triggers pass through.
/// </summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http) SecurityHeaders.AddWhenResponseStarts(http);
        return next(context);
    }
}
