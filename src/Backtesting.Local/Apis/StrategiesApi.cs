using Backtesting.Application.Views;
using Backtesting.Http.Handlers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Local.Apis;

/// <summary>Routes of /api/strategies onto the shared handlers, whose typed results give the response schemas.</summary>
public static class StrategiesApi
{
    public static RouteGroupBuilder MapStrategiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(StrategyHandlers.Prefix).WithTags("Strategies").WithCallerProblems();
        group.MapGet("/", (Delegate)ListStrategies)
            .WithSummary("The built-in strategies and the caller's own (owner: builtin or user) with parameter schemas");
        group.MapPost("/", (Delegate)CreateStrategy).Accepts<object>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Store a strategy definition (rules; DESIGN section 9) as the caller's own");
        group.MapGet("/{id}", (HttpContext http, string id) => StrategyHandlers.GetAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A built-in or one of the caller's strategies");
        group.MapPut("/{id}", (HttpContext http, string id) => StrategyHandlers.UpdateAsync(http, id)).Accepts<object>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replace the definition of one of the caller's strategies");
        group.MapDelete("/{id}", (HttpContext http, string id) => StrategyHandlers.DeleteAsync(http, id)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete one of the caller's strategies (runs that used it are kept)");
        group.MapPost("/validate", (Delegate)ValidateStrategy).Accepts<object>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Validate {strategy_id, parameters} or a strategy definition (an invalid one is a 200 answer, not a failed request)");
        return group;
    }

    private static Task<Results<Ok<IReadOnlyList<StrategyView>>, ProblemHttpResult>> ListStrategies(HttpContext http) => StrategyHandlers.ListAsync(http);
    private static Task<Results<Created<StrategyView>, ProblemHttpResult>> CreateStrategy(HttpContext http) => StrategyHandlers.CreateAsync(http);
    private static Task<Results<Ok<ValidationView>, ProblemHttpResult>> ValidateStrategy(HttpContext http) => StrategyHandlers.ValidateAsync(http);
}
