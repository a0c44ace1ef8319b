using Backtesting.Application.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Http;

/// <summary>GET /api/health: unauthenticated liveness plus a database round trip, as on the local host.</summary>
public sealed class HealthHttpFunction(IStrategyCatalogStore catalog)
{
    [Function("Health")]
    public async Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request)
    {
        try
        {
            int strategies = (await catalog.ListIdsAsync(request.HttpContext.RequestAborted).ConfigureAwait(false)).Count;
            return new ResultActionAdapter(Results.Json(new { status = "healthy", database = "ok", strategies }));
        }
        catch (Exception ex)
        {
            return new ResultActionAdapter(Results.Json(new { status = "unhealthy", database = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable));
        }
    }
}
