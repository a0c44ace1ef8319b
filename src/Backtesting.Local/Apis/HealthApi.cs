using Backtesting.Application.Ports;

namespace Backtesting.Local.Apis;

/// <summary>GET /api/health: unauthenticated liveness plus a database round trip.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithTags("Health").WithSummary("Service and database health");
        return app;
    }

    private static async Task<IResult> GetHealth(IStrategyCatalogStore catalog, CancellationToken ct)
    {
        try
        {
            int strategies = (await catalog.ListIdsAsync(ct)).Count;
            return Results.Json(new { status = "healthy", database = "ok", strategies });
        }
        catch (Exception ex)
        {
            return Results.Json(new { status = "unhealthy", database = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
