using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Http.Handlers;

namespace Backtesting.Local.Apis;

/// <summary>Routes of the research jobs (/api/optimizations, ...) onto the shared handlers.</summary>
public static class ResearchApi
{
    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var optimizations = app.MapGroup(ResearchHandlers.OptimizationsPrefix).WithTags("Optimizations");
        optimizations.MapPost("/", (Delegate)SubmitOptimization).Accepts<OptimizationApiRequest>("application/json").Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().WithSummary("Start a grid or random-search optimization");
        optimizations.MapGet("/{id}", GetOptimization).WithSummary("Status, and the summary (best cell, top N) once completed");
        optimizations.MapGet("/{id}/results", GetOptimization).WithSummary("Same as GET /{id}");
        optimizations.MapGet("/{id}/cells", GetCells).WithSummary("The full cell table, paged (offset, limit)");
        optimizations.MapDelete("/{id}", CancelOptimization).WithSummary("Cancel");
        return app;
    }

    private static Task<IResult> SubmitOptimization(HttpContext http) => ResearchHandlers.SubmitOptimizationAsync(http);
    private static Task<IResult> GetOptimization(HttpContext http, string id) => ResearchHandlers.GetAsync(http, id, RunKind.Optimization);
    private static Task<IResult> GetCells(HttpContext http, string id) => ResearchHandlers.CellsAsync(http, id);
    private static Task<IResult> CancelOptimization(HttpContext http, string id) => ResearchHandlers.CancelAsync(http, id, RunKind.Optimization);
}
