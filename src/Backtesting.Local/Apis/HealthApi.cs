using Backtesting.Http.Handlers;
using Backtesting.Http.Responses;
using Backtesting.Local.Startup;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>
/// GET /api/health: unauthenticated liveness plus a database round trip (<see cref="HealthHandlers"/>), answered at once from
/// start on; GET /api/health/ready: whether the start-up warm-up is over (<see cref="StartupReadiness"/>).
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // the 200 comes from the handler's typed result; the 503 carries the same record
        app.MapGet("/api/health", (Delegate)GetHealth).Produces<HealthView>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Health").WithSummary("Service and database health");
        app.MapGet("/api/health/ready", (Delegate)GetReadiness).Produces<ReadinessView>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Health").WithSummary("Ready once the start-up warm-up is over (503 while it runs)");
        return app;
    }

    private static Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> GetHealth(HttpContext http) => HealthHandlers.GetAsync(http);

    private static Results<Ok<ReadinessView>, JsonHttpResult<ReadinessView>> GetReadiness(StartupReadiness readiness)
    {
        var view = readiness.View;
        return view.Status == ReadinessView.Ready ? TypedResults.Ok(view) : TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
