using Backtesting.Application.Ports;
using Backtesting.Application.Workflows;
using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backtesting.Http.Handlers;

/// <summary>GET /api/health for both hosts: unauthenticated liveness plus a database round trip.</summary>
public static class HealthHandlers
{
    /// <summary>200 with the database "ok"; 503 with the database "unavailable" and a generic error whose details are logged.</summary>
    public static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> GetAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        try
        {
            int strategies = (await http.RequestServices.GetRequiredService<IStrategyCatalogStore>().ListIdsAsync(ct).ConfigureAwait(false)).Count;
            return TypedResults.Ok(new HealthView("healthy", "ok", strategies, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // unauthenticated: the exception text (host names, paths, SQL) stays in the log
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Backtesting.Health");
            string error = FailureMessages.ForClient(ex, logger, "Health check of the database");
            return TypedResults.Json(new HealthView("unhealthy", "unavailable", null, error), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
