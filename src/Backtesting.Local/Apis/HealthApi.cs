using Backtesting.Application.Ports;
using Backtesting.Application.Workflows;

namespace Backtesting.Local.Apis;

/// <summary>GET /api/health: unauthenticated liveness plus a database round trip.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithTags("Health").WithSummary("Service and database health");
        return app;
    }

    private static async Task<IResult> GetHealth(IStrategyCatalogStore catalog, ILoggerFactory logs, CancellationToken ct)
    {
        try
        {
            int strategies = (await catalog.ListIdsAsync(ct)).Count;
            return Results.Json(new { status = "healthy", database = "ok", strategies });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // unauthenticated: the exception text (host names, paths, SQL) stays in the log
            string error = FailureMessages.ForClient(ex, logs.CreateLogger("Backtesting.Health"), "Health check of the database");
            return Results.Json(new { status = "unhealthy", database = "unavailable", error }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
