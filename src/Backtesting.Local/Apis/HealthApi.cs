using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>GET /api/health: unauthenticated liveness plus a database round trip (<see cref="HealthHandlers"/>).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (Delegate)HealthHandlers.GetAsync).WithTags("Health").WithSummary("Service and database health");
        return app;
    }
}
