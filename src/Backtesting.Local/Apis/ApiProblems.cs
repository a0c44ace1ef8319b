namespace Backtesting.Local.Apis;

/// <summary>
/// The problem responses every authenticated route can give, declared once per route group; the success bodies
/// come from the handlers' typed results, and route-specific problems (400, 404, 409, ...) from each route.
/// </summary>
public static class ApiProblems
{
    public static TBuilder WithCallerProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
}
