using Backtesting.Http.Handlers;
using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>GET /api/health: unauthenticated liveness plus a database round trip (<see cref="HealthHandlers"/>).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // the 200 comes from the handler's typed result; the 503 carries the same record
        app.MapGet("/api/health", (Delegate)GetHealth).Produces<HealthView>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Health").WithSummary("Service and database health");
        return app;
    }

    private static Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> GetHealth(HttpContext http) => HealthHandlers.GetAsync(http);
}
